import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fillerCharacters } from '../../src/llm/demo-model/filler-text';
import { useServeScenarios } from './support/serve-process';
import { postAndRead, type SseFrame } from './support/sse-frames';
import { userMessage } from './support/stock-client';

const scenarios = useServeScenarios();

function textOf(frames: readonly SseFrame[]): string {
  return frames
    .filter((frame) => frame.event.type === 'TEXT_MESSAGE_CONTENT')
    .map((frame) => String(frame.event.delta))
    .join('');
}

describe('durable-agent serve and export with a 5 MB answer', () => {
  it('streams it, re-attaches to the finished run from the start, and exports the conversation', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(0);
    const expected = fillerCharacters(5 * 1024 * 1024);
    const threadId = randomUUID();
    const body = { threadId, runId: randomUUID(), messages: [userMessage('u1', 'reply with 5 megabytes')] };

    const first = await postAndRead(serve.url, { body });
    expect(first.frames.at(-1)?.event.type, scenario.report()).toBe('RUN_FINISHED');
    expect(textOf(first.frames) === expected).toBe(true);

    const again = await postAndRead(serve.url, { body });
    expect(
      again.frames[0]?.event.type,
      `${again.status} ${JSON.stringify(again.frames.slice(0, 3)).slice(0, 500)}`,
    ).toBe('RUN_STARTED');
    expect(again.frames.at(-1)?.event.type).toBe('RUN_FINISHED');
    expect(textOf(again.frames) === expected).toBe(true);

    const deadline = Date.now() + 30_000;
    while ((await scenario.storedConversation(threadId)).length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const document = await scenario.exportJson(threadId);
    const answer = document.messages.find((message) => message.role === 'assistant');
    expect(answer?.content === expected).toBe(true);
    expect(document.runs[0]?.events.at(-1)?.type).toBe('RUN_FINISHED');
  }, 240_000);
});
