import { randomUUID } from 'node:crypto';
import { AGUI_MEDIA_TYPE } from '@ag-ui/encoder';
import { describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { useServeScenarios } from './support/serve-process';
import {
  assistantTexts,
  field,
  runStockClient,
  userMessage,
  verifyWithStockClient,
} from './support/stock-client';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const scenarios = useServeScenarios();

describe('durable-agent serve with the stock @ag-ui/client HttpAgent', () => {
  it('streams an answer whose events pass verifyEvents; the client holds the answer once', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(200);
    const threadId = randomUUID();

    const run = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      messages: [userMessage('u1', 'hello')],
    });

    await verifyWithStockClient(run.events);
    expect(run.events[0]?.type).toBe('RUN_STARTED');
    expect(run.events.at(-1)?.type).toBe('RUN_FINISHED');
    expect(assistantTexts(run.agent.messages)).toEqual(['Hello! How can I help you today?']);
    expect(run.result.newMessages.map((message) => message.role)).toEqual(['assistant']);
    expect(await scenario.storedConversation(threadId)).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'Hello! How can I help you today?' },
    ]);
  });

  it('a worker killed with kill -9 mid-answer and a new one started: the stock client ends with the answer once, each attempt naming its worker', async () => {
    const { scenario, worker, serve } = await scenarios.serveWithWorker(40, ['--heartbeat-timeout', '3s']);
    const threadId = randomUUID();
    let killed: Promise<unknown> | undefined;
    let streamed = '';

    const run = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      messages: [userMessage('u1', TRAVEL_PROMPT)],
      onEvent: (event) => {
        if (event.type === 'TEXT_MESSAGE_CONTENT') streamed += String(field(event, 'delta'));
        if (killed === undefined && streamed.includes('Day 1')) {
          worker.signal('SIGKILL');
          killed = worker.waitForExit().then(() => scenario.startWorker());
        }
      },
    });
    await killed;

    await verifyWithStockClient(run.events);
    const types = run.events.map((event) => event.type);
    expect(types).toContain('MESSAGES_SNAPSHOT');
    expect(
      run.events.some((event) => event.type === 'CUSTOM' && field(event, 'name') === 'attempt-reset'),
    ).toBe(true);
    // Each attempt's TEXT_MESSAGE_START names its worker: the retried attempt's is the new worker.
    const workers = run.events
      .filter((event) => event.type === 'TEXT_MESSAGE_START')
      .map((event) => (field(event, 'metadata') as { worker?: unknown } | undefined)?.worker);
    expect(workers).toHaveLength(2);
    expect(workers.every((worker) => typeof worker === 'string' && worker.length > 0)).toBe(true);
    expect(workers[1]).not.toBe(workers[0]);
    // The abandoned attempt's text is gone: one assistant message, the whole plan once.
    expect(assistantTexts(run.agent.messages)).toEqual([travelPlan]);
    expect(run.agent.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(await scenario.storedConversation(threadId)).toEqual([
      { role: 'user', content: TRAVEL_PROMPT },
      { role: 'assistant', content: travelPlan },
    ]);
  });

  it('continues a thread over three runs: the model sees the stored conversation', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(0);
    const threadId = randomUUID();

    const first = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      messages: [userMessage('u1', 'My name is Ada.')],
    });
    first.agent.addMessage(userMessage('u2', 'Write a short poem about the sea.'));
    await runStockClient(serve.url, { threadId, runId: randomUUID(), agent: first.agent });
    first.agent.addMessage(userMessage('u3', 'What is my name?'));
    const third = await runStockClient(serve.url, { threadId, runId: randomUUID(), agent: first.agent });

    await verifyWithStockClient(third.events);
    expect(assistantTexts(third.agent.messages).at(-1)).toBe('Your name is Ada.');
    expect(third.agent.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    const stored = await scenario.storedConversation(threadId);
    expect(stored.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(stored.at(-1)).toEqual({ role: 'assistant', content: 'Your name is Ada.' });
  });

  it('a frontend tool round trip: the run ends with the tool call, the client sends its result in the next run', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(0);
    const threadId = randomUUID();
    const tools = [
      {
        name: 'getWeather',
        description: 'The weather in a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];

    const first = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      messages: [userMessage('u1', 'call tool getWeather with {"city":"Paris"}')],
      tools,
    });
    await verifyWithStockClient(first.events);
    const finished = first.events.at(-1) as {
      type: string;
      outcome?: { type: string; pendingToolCallIds?: string[] };
    };
    expect(finished.type).toBe('RUN_FINISHED');
    const call = first.agent.messages.flatMap((message) =>
      message.role === 'assistant' ? (message.toolCalls ?? []) : [],
    )[0];
    expect(call?.function).toEqual({ name: 'getWeather', arguments: '{"city":"Paris"}' });
    expect(finished.outcome).toEqual({ type: 'success', pendingToolCallIds: [call!.id] });

    first.agent.addMessage({ id: 'tool-1', role: 'tool', toolCallId: call!.id, content: 'Sunny, 21 °C' });
    const second = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      agent: first.agent,
      tools,
    });

    await verifyWithStockClient(second.events);
    expect(assistantTexts(second.agent.messages).at(-1)).toBe('The getWeather tool returned: Sunny, 21 °C');
    const stored = await scenario.storedConversation(threadId);
    expect(stored.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(stored[2]).toEqual({
      role: 'tool',
      toolCallId: call!.id,
      toolName: 'getWeather',
      content: 'Sunny, 21 °C',
    });
  });

  it('an approval is an AG-UI interrupt; the resume input answers it and streams the continuation', async () => {
    const { serve } = await scenarios.serveWithWorker(0, ['--approval-policy', 'require-all']);
    const threadId = randomUUID();

    const first = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      messages: [userMessage('u1', 'What is 12*7?')],
    });
    await verifyWithStockClient(first.events);
    const interrupts = first.agent.pendingInterrupts;
    expect(interrupts).toHaveLength(1);
    expect(interrupts[0]).toMatchObject({
      reason: 'tool-approval',
      metadata: { toolName: 'calculator', arguments: '{"expression":"12*7"}' },
    });

    const second = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      agent: first.agent,
      resume: [{ interruptId: interrupts[0]!.id, status: 'resolved', payload: { approved: true } }],
    });

    await verifyWithStockClient(second.events);
    expect(second.agent.pendingInterrupts).toEqual([]);
    expect(assistantTexts(second.agent.messages).at(-1)).toBe('The result is 84.');
    const toolMessages = second.agent.messages.filter((message) => message.role === 'tool');
    expect(toolMessages.map((message) => message.content)).toEqual(['{"expression":"12*7","result":84}']);
  });

  it('answers in AG-UI protobuf when the client asks for it, and the stock client reads it', async () => {
    const { serve } = await scenarios.serveWithWorker(0);
    const askForProtobuf: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), Accept: AGUI_MEDIA_TYPE },
      });

    const run = await runStockClient(serve.url, {
      threadId: randomUUID(),
      runId: randomUUID(),
      messages: [userMessage('u1', 'hello')],
      fetch: askForProtobuf,
    });

    await verifyWithStockClient(run.events);
    expect(assistantTexts(run.agent.messages)).toEqual(['Hello! How can I help you today?']);
  });
});
