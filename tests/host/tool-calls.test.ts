import { type AgentEvent, EventType } from 'durable-agent';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import { ToolCallFold } from '../../src/host/runs/tool-call-fold';
import type { WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

let directory: ReturnType<typeof temporaryDirectory> | undefined;
let hosts: Host[] = [];

afterEach(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  hosts = [];
  directory?.remove();
  directory = undefined;
});

let seq = 0;
const context = { runId: 'r1', threadId: 'c1', messageId: 'm1', attempt: 1 };
const event = (fields: Record<string, unknown>) => ({ ...context, seq: seq++, ...fields }) as AgentEvent;
const start = (id: string, name: string) =>
  event({ type: EventType.TOOL_CALL_START, toolCallId: id, toolCallName: name });
const args = (id: string, delta: string) => event({ type: EventType.TOOL_CALL_ARGS, toolCallId: id, delta });
const result = (id: string, content: string) =>
  event({ type: EventType.TOOL_CALL_RESULT, toolCallId: id, content, role: 'tool' });
const attemptReset = (attempt: number) =>
  event({
    type: EventType.CUSTOM,
    name: 'attempt-reset',
    value: { messageId: 'm1', attempt, reason: 'worker lost' },
  });

describe('ToolCallFold', () => {
  it('collects each call with its streamed arguments and its result, in call order', () => {
    const fold = new ToolCallFold();
    for (const each of [
      start('a', 'calculator'),
      args('a', '{"expression":'),
      args('a', '"2+2"}'),
      result('a', '4'),
      start('b', 'clock'),
    ]) {
      expect(fold.apply(each)).toBe(true);
    }
    expect(fold.toolCalls()).toEqual([
      { id: 'a', name: 'calculator', arguments: '{"expression":"2+2"}', result: '4' },
      { id: 'b', name: 'clock', arguments: '' },
    ]);
  });

  it('drops on an attempt-reset the calls of the replaced attempt that never got a result', () => {
    const fold = new ToolCallFold([{ id: 'a', name: 'calculator', arguments: '{}', result: '4' }]);
    fold.apply(start('b', 'calculator'));
    fold.apply(args('b', '{"expression":"1+'));
    expect(fold.apply(attemptReset(2))).toBe(true);
    expect(fold.toolCalls().map((call) => call.id)).toEqual(['a']);
    expect(fold.apply(attemptReset(3))).toBe(false);
  });
});

describe('Host tool calls', () => {
  it('stores the tool calls an answer used with the message, so loading the conversation shows them', async () => {
    directory = temporaryDirectory('tool-calls');
    writeSettings(directory.path, testSettings());
    const { host, eventsOf } = await createTestHost(directory.path);
    hosts.push(host);
    await host.started;
    await waitUntil(
      async () =>
        ((await host.handlers.listWorkers()) as WorkerInfo[]).find((each) => each.status.state === 'ready'),
      'a ready worker',
      90_000,
    );

    const sent = await host.handlers.sendMessage({ text: 'What is 12 * 7?' });
    await waitUntil(
      async () =>
        (await host.handlers.loadConversation({ conversationId: sent.conversation.id })).messages.find(
          (message) => message.id === sent.assistantMessage.id && message.status === 'complete',
        ),
      'the complete answer',
    );
    await host.idle();

    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    const answer = detail.messages.find((message) => message.id === sent.assistantMessage.id);
    expect(answer).toMatchObject({ status: 'complete', text: expect.stringContaining('84') });
    expect(answer?.toolCalls).toEqual([
      {
        id: expect.any(String),
        name: 'calculator',
        arguments: '{"expression":"12 * 7"}',
        result: expect.stringContaining('84'),
      },
    ]);
    expect(detail.messages[0]?.toolCalls).toBeUndefined();
    // The live answer carried the call too, so the UI showed it while the run went.
    expect(
      eventsOf('messageUpdated').some(
        (message) => message.status === 'streaming' && message.toolCalls?.[0]?.name === 'calculator',
      ),
    ).toBe(true);
  });
});
