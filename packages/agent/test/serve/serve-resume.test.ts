import { randomUUID } from 'node:crypto';
import { HttpAgent } from '@ag-ui/client';
import { describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import type { Scenario } from '../cli/support/scenario';
import { useServeScenarios } from './support/serve-process';
import { joinedText, postAndRead, type SseFrame } from './support/sse-frames';
import {
  assistantTexts,
  field,
  runStockClient,
  userMessage,
  verifyWithStockClient,
} from './support/stock-client';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const scenarios = useServeScenarios();

function runInput(threadId: string, runId: string) {
  return { threadId, runId, messages: [userMessage('u1', TRAVEL_PROMPT)] };
}

async function storedAnswer(scenario: Scenario, threadId: string, timeoutMs = 45_000): Promise<unknown[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stored = await scenario.storedConversation(threadId);
    if (stored.length >= 2 || Date.now() > deadline) return stored;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('durable-agent serve: the connection is only a view of the durable run', () => {
  it('a connection dropped mid-stream and re-opened with Last-Event-ID yields exactly the missing events', async () => {
    const { serve } = await scenarios.serveWithWorker(60);
    const body = runInput(randomUUID(), randomUUID());

    const first = await postAndRead(serve.url, { body, stopAfter: 8 });
    const lastId = first.frames.at(-1)?.id;
    // A log event's seq, or (text read live) the seq and how much of the open message the client has.
    expect(lastId).toMatch(/^\d+(\+\d+)?$/);
    const resumed = await postAndRead(serve.url, { body, headers: { 'Last-Event-ID': lastId! } });
    const replay = await postAndRead(serve.url, { body });

    expect(resumed.status).toBe(200);
    const all: SseFrame[] = [...first.frames, ...resumed.frames];
    // The same events as a replay of the finished run, text in other pieces (live text comes as it comes).
    expect(joinedText(all)).toEqual(joinedText(replay.frames));
    expect(all.every((frame) => frame.id !== undefined)).toBe(true);
    expect(resumed.frames.at(-1)?.event.type).toBe('RUN_FINISHED');
    await verifyWithStockClient(all.map((frame) => frame.event));
    const text = all
      .filter((frame) => frame.event.type === 'TEXT_MESSAGE_CONTENT')
      .map((frame) => String(frame.event.delta))
      .join('');
    expect(text).toBe(travelPlan);
    // After the ending nothing is missing: 204, so an EventSource stops reconnecting.
    const after = await fetch(serve.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Last-Event-ID': resumed.frames.at(-1)!.id! },
      body: JSON.stringify(body),
    });
    expect(after.status).toBe(204);
  });

  it('the same runId POSTed twice at once: one execution, both streams complete with the same events', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(200);
    const threadId = randomUUID();
    const body = runInput(threadId, randomUUID());

    const [one, two] = await Promise.all([
      postAndRead(serve.url, { body }),
      postAndRead(serve.url, { body }),
    ]);

    expect(one.frames.at(-1)?.event.type).toBe('RUN_FINISHED');
    expect(joinedText(two.frames)).toEqual(joinedText(one.frames));
    expect(scenario.model.requestCount).toBe(1);
    expect(await scenario.storedConversation(threadId)).toEqual([
      { role: 'user', content: TRAVEL_PROMPT },
      { role: 'assistant', content: travelPlan },
    ]);
  });

  it('a client that disconnects and never comes back: the run finishes and is stored', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(80);
    const threadId = randomUUID();

    const dropped = await postAndRead(serve.url, { body: runInput(threadId, randomUUID()), stopAfter: 4 });
    expect(dropped.frames.at(-1)?.event.type).not.toBe('RUN_FINISHED');

    expect(await storedAnswer(scenario, threadId)).toEqual([
      { role: 'user', content: TRAVEL_PROMPT },
      { role: 'assistant', content: travelPlan },
    ]);
  });

  it('the stock client re-sends a run after its connection dropped: its partial answer is replaced, not added to', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(60);
    const threadId = randomUUID();
    const runId = randomUUID();
    const agent = new HttpAgent({
      url: serve.url,
      threadId,
      initialMessages: [userMessage('u1', TRAVEL_PROMPT)],
    });
    const abortController = new AbortController();
    let streamed = '';

    await runStockClient(serve.url, {
      threadId,
      runId,
      agent,
      abortController,
      onEvent: (event) => {
        if (event.type === 'TEXT_MESSAGE_CONTENT') streamed += String(field(event, 'delta'));
        if (streamed.includes('Day 1')) abortController.abort();
      },
    }).catch(() => undefined);
    const [partial] = assistantTexts(agent.messages);
    expect(partial).toContain('Day 1');
    expect(partial).not.toBe(travelPlan);

    const again = await runStockClient(serve.url, { threadId, runId, agent });

    await verifyWithStockClient(again.events);
    expect(again.events.map((event) => event.type).slice(0, 2)).toEqual(['RUN_STARTED', 'MESSAGES_SNAPSHOT']);
    expect(assistantTexts(agent.messages)).toEqual([travelPlan]);
    expect(scenario.model.requestCount).toBe(1);
  });
});
