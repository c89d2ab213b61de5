import { randomUUID } from 'node:crypto';
import type { BaseEvent } from '@ag-ui/client';
import { describe, expect, it } from 'vitest';
import { DurableHttpAgent } from '../../src/ag-ui-client';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { useServeScenarios } from './support/serve-process';
import { assistantTexts, field, userMessage, verifyWithStockClient } from './support/stock-client';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const scenarios = useServeScenarios();

describe('DurableHttpAgent (the stock HttpAgent with connect())', () => {
  it('a connection dropped mid-answer and reconnected continues exactly: the answer once, verifyEvents passes', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(60);
    const runId = randomUUID();
    const agent = new DurableHttpAgent({
      url: serve.url,
      threadId: randomUUID(),
      initialMessages: [userMessage('u1', TRAVEL_PROMPT)],
    });
    const abortController = new AbortController();
    const before: BaseEvent[] = [];
    let streamed = '';
    await agent
      .runAgent(
        { runId, abortController },
        {
          onEvent: ({ event }) => {
            before.push(event);
            if (event.type === 'TEXT_MESSAGE_CONTENT') streamed += String(field(event, 'delta'));
            if (streamed.includes('Day 1')) abortController.abort();
          },
        },
      )
      .catch(() => undefined);
    expect(agent.lastEventId).toMatch(/^\d+(\.\d+)?(\+\d+)?$/);
    const [partial] = assistantTexts(agent.messages);
    expect(partial).toContain('Day 1');
    expect(partial).not.toBe(travelPlan);

    const after: BaseEvent[] = [];
    await agent.connectAgent(
      { runId },
      {
        onEvent: ({ event }) => {
          after.push(event);
        },
      },
    );

    expect(assistantTexts(agent.messages)).toEqual([travelPlan]);
    expect(agent.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(after[0]?.type).toBe('RUN_STARTED');
    expect(after.at(-1)?.type).toBe('RUN_FINISHED');
    // The reconnect re-states RUN_STARTED and the open message's start; the rest is exactly what was missing.
    const restated = after.findIndex((event) => event.type === 'TEXT_MESSAGE_CONTENT');
    expect(after.slice(1, restated).map((event) => event.type)).toEqual(['TEXT_MESSAGE_START']);
    // The stock client ends the dropped connection with its own RUN_ERROR; the server sent none.
    const received = before.filter((event) => event.type !== 'RUN_ERROR');
    const continued = [...received, ...after.slice(restated)];
    await verifyWithStockClient(continued);
    const text = continued
      .filter((event) => event.type === 'TEXT_MESSAGE_CONTENT')
      .map((event) => String(field(event, 'delta')))
      .join('');
    expect(text).toBe(travelPlan);
    expect(scenario.model.requestCount).toBe(1);
  });

  it('a fresh instance (a reloaded page) connects to a running run by its id and gets the whole answer', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(60);
    const threadId = randomUUID();
    const runId = randomUUID();
    const first = new DurableHttpAgent({
      url: serve.url,
      threadId,
      initialMessages: [userMessage('u1', TRAVEL_PROMPT)],
    });
    const abortController = new AbortController();
    await first
      .runAgent(
        { runId, abortController },
        {
          onEvent: ({ event }) => {
            if (event.type === 'TEXT_MESSAGE_CONTENT') abortController.abort();
          },
        },
      )
      .catch(() => undefined);

    const reloaded = new DurableHttpAgent({ url: serve.url, threadId });
    const events: BaseEvent[] = [];
    await reloaded.connectAgent(
      { runId },
      {
        onEvent: ({ event }) => {
          events.push(event);
        },
      },
    );

    await verifyWithStockClient(events);
    expect(events.at(-1)?.type).toBe('RUN_FINISHED');
    expect(assistantTexts(reloaded.messages)).toEqual([travelPlan]);
    expect(scenario.model.requestCount).toBe(1);
  });
});
