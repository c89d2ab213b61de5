import { EventSchemas } from '@ag-ui/core/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../src/common/events';
import { answerText, reduceRunEvents } from '../src/runs';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function collect(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const all: AgentEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('Agent.stream', () => {
  it('streams a greeting as valid AG-UI events with seq, runId and threadId, then returns the result', async () => {
    fixture = await createAgentFixture({ pace: 200 });
    const run = await fixture.agent.stream('Hello from remote agent!', { conversationId: 'greeting' });
    const events = await collect(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.text).toBe('Hello! How can I help you today?');
    expect(result.usage.totalTokens).toBe(result.usage.promptTokens + result.usage.completionTokens);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.attempts).toBe(1);

    const types = events.map((event) => event.type);
    expect(types[0]).toBe('RUN_STARTED');
    expect(types).toContain('TEXT_MESSAGE_START');
    expect(types).toContain('TEXT_MESSAGE_END');
    expect(types.at(-1)).toBe('RUN_FINISHED');
    for (const event of events) {
      expect(EventSchemas.safeParse(event).success).toBe(true);
      expect(event.runId).toBe(run.runId);
      expect(event.threadId).toBe('greeting');
    }
    // Text read live is not in the log (it repeats the log's own text): the log's events are in order, once.
    for (const event of events.filter((each) => each.live)) {
      expect(event.type).toBe('TEXT_MESSAGE_CONTENT');
      expect(event.offset).toBeGreaterThanOrEqual(0);
    }
    const seqs = events.filter((event) => !event.live).map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const transcript = reduceRunEvents(events);
    expect(answerText(transcript)).toBe(result.text);
    for (const event of events.filter((each) => each.type === 'TEXT_MESSAGE_CONTENT')) {
      expect(event.messageId).toBeTruthy();
      expect(event.attempt).toBe(1);
    }
  });

  it('replays a finished run from any seq, also after it has closed', async () => {
    fixture = await createAgentFixture();
    const run = await fixture.agent.stream(
      'Write a detailed day-by-day travel plan for a 7-day trip to Japan.',
    );
    const all = await collect(run.events());
    await run.result();
    const again = await fixture.agent.attach(run.id);
    const tail = await collect(again.events({ fromSeq: 3 }));
    expect(tail.map((event) => event.seq)).toEqual(
      all.filter((event) => event.seq >= 3).map((event) => event.seq),
    );
    expect(tail.at(-1)?.type).toBe('RUN_FINISHED');
    const transcript = reduceRunEvents(all);
    expect(answerText(transcript)).toContain('Day 1: Arrive in Tokyo');
    expect((await again.result()).text).toBe(answerText(transcript));
  });
});
