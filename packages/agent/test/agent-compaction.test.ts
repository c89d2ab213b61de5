import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent, type ControlEventOf } from '../src/common/events';
import type { ConversationMessage } from '../src/common/types';
import { InMemoryConversationStore } from '../src/conversations/in-memory-conversation-store';
import { answerText, reduceRunEvents } from '../src/runs';
import { calculator } from '../src/tools/calculator';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Earlier turns of a conversation: an introduction, then `turns` exchanges of about `tokens` demo tokens each. */
function earlierTurns(turns: number, tokens: number): ConversationMessage[] {
  const filler = Array.from({ length: tokens }, (_, index) => words[index % words.length]).join(' ');
  return [
    { role: 'user', content: 'Hi, my name is Ada.' },
    { role: 'assistant', content: 'Nice to meet you, Ada!' },
    ...Array.from({ length: turns }, (_, index): ConversationMessage[] => [
      { role: 'user', content: `Tell me story ${index + 1}.` },
      { role: 'assistant', content: filler },
    ]).flat(),
  ];
}

function compactions(events: readonly AgentEvent[]): ControlEventOf<'context-compacted'>['value'][] {
  return events.flatMap((event) => {
    const control = asControlEvent(event);
    return control?.name === 'context-compacted' ? [control.value] : [];
  });
}

function resetReasons(events: readonly AgentEvent[]): string[] {
  return events.flatMap((event) => {
    const control = asControlEvent(event);
    return control?.name === 'attempt-reset' ? [control.value.reason] : [];
  });
}

async function seeded(turns: number, tokens: number): Promise<InMemoryConversationStore> {
  const store = new InMemoryConversationStore();
  await store.appendRun('long', 'seed', earlierTurns(turns, tokens));
  return store;
}

describe('compaction', () => {
  it("summarises older turns before the input outgrows the model's context window; the model still knows the name and the transcript keeps every message", async () => {
    fixture = await createAgentFixture({ contextWindow: 2_000 });
    const conversations = await seeded(10, 300);
    const agent = await fixture.createAgent({ contextWindow: 2_000, conversations });
    const run = await agent.stream('What is my name?', { conversationId: 'long' });
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.text).toBe('Your name is Ada.');
    const [compaction, ...more] = compactions(events);
    expect(more).toEqual([]);
    expect(compaction).toMatchObject({ reason: 'estimate', contextWindow: 2_000 });
    expect(compaction?.summary).toContain('The user said: My name is Ada.');
    expect(compaction?.tokensAfter).toBeLessThan(1_500);
    // Never refused: the estimate kept the input within the window.
    expect(resetReasons(events)).toEqual([]);
    const view = reduceRunEvents(events);
    expect(view.milestones.filter((milestone) => milestone.kind === 'context-compacted')).toHaveLength(1);
    expect(answerText(view)).toBe(result.text);
    await agent.settle(run); // stores the run's messages in the conversation
    expect(await conversations.load('long')).toHaveLength(22 + 2);
  });

  it('compacts and calls again once when the model refuses the input as too long (400 context_length_exceeded)', async () => {
    fixture = await createAgentFixture({ contextWindow: 2_000 });
    const conversations = await seeded(10, 300);
    const agent = await fixture.createAgent({ conversations }); // no contextWindow: only the refusal tells
    const run = await agent.stream('What is my name?', { conversationId: 'long' });
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.text).toBe('Your name is Ada.');
    expect(compactions(events)).toMatchObject([{ reason: 'refused', contextWindow: 2_000 }]);
    expect(resetReasons(events)).toEqual([
      "the input was longer than the model's context window: older turns were compacted",
    ]);
    expect(result.modelCalls).toBe(1);
    expect(result.retries).toBe(1);
  });

  it('keeps answering through a 200,000-token conversation and a run of 100 tool calls, each history under 10 MB and under the event-count warning', async () => {
    fixture = await createAgentFixture({ contextWindow: 8_000, tools: [calculator] });
    const conversations = await seeded(200, 1_000);
    const agent = await fixture.createAgent({ contextWindow: 8_000, conversations, maxIterations: 150 });

    const counting = await agent.stream('Count to 100 with the calculator.', { conversationId: 'long' });
    const events = await collectEvents(counting.events());
    const result = await counting.result();
    await agent.settle(counting); // stores the run's messages in the conversation
    expect(result.status).toBe('completed');
    expect(result.text).toBe('I counted to 100 with 100 calculator calls.');
    expect(result.messages.filter((message) => message.role === 'tool')).toHaveLength(100);
    const compacted = compactions(events);
    expect(compacted.length).toBeGreaterThanOrEqual(2); // the conversation, then the run's own rounds
    expect(resetReasons(events)).toEqual([]);
    // A late reader reads the whole run from its history.
    const late = await collectEvents((await agent.attach(counting.id)).events());
    expect(reduceRunEvents(late).milestones.filter((each) => each.kind === 'context-compacted')).toHaveLength(
      compacted.length,
    );

    const recall = await agent.stream('What is my name?', { conversationId: 'long' });
    expect((await recall.result()).text).toBe('Your name is Ada.');
    await agent.settle(recall);
    // The transcript keeps every message: 402 earlier, 1 + 201 of the counting run, 2 of the last.
    expect(await conversations.load('long')).toHaveLength(402 + 202 + 2);

    const connection = await Connection.connect({ address: temporalAddress() });
    try {
      const client = new Client({ connection });
      for (const id of [counting.id, recall.id]) {
        const history = await client.workflow.getHandle(id).fetchHistory();
        const bytes = temporal.api.history.v1.History.encode(history).finish().byteLength;
        const count = history.events?.length ?? 0;
        console.log(`[compaction] ${id}: ${count} history events, ${(bytes / 2 ** 20).toFixed(2)} MiB`);
        expect(bytes).toBeLessThan(10 * 2 ** 20);
        // Temporal's default limit.historyCount.warn.
        expect(count).toBeLessThan(10_240);
      }
    } finally {
      await connection.close();
    }
  }, 240_000);

  it('keeps its summary when the run continues as new: the same compactions as without continuing, never refused', async () => {
    fixture = await createAgentFixture({ contextWindow: 2_000, tools: [calculator] });
    const counted: { compactions: number; text: string; continued: boolean }[] = [];
    for (const continueAsNewAfterEvents of [undefined, 40]) {
      const conversations = await seeded(10, 300);
      const agent = await fixture.createAgent({
        contextWindow: 2_000,
        conversations,
        maxIterations: 50,
        ...(continueAsNewAfterEvents ? { continueAsNewAfterEvents } : {}),
      });
      const run = await agent.stream('Count to 12 with the calculator.', { conversationId: 'long' });
      const events = await collectEvents(run.events());
      const result = await run.result();
      expect(resetReasons(events)).toEqual([]);
      const connection = await Connection.connect({ address: temporalAddress() });
      try {
        const latest = await new Client({ connection }).workflow.getHandle(run.id).fetchHistory();
        const started = latest.events?.[0]?.workflowExecutionStartedEventAttributes;
        counted.push({
          compactions: compactions(events).length,
          text: result.text,
          continued: Boolean(started?.continuedExecutionRunId),
        });
      } finally {
        await connection.close();
      }
    }
    const [alone, continuing] = counted;
    expect(alone).toMatchObject({ text: 'I counted to 12 with 12 calculator calls.', continued: false });
    expect(continuing).toMatchObject({ text: 'I counted to 12 with 12 calculator calls.', continued: true });
    expect(alone!.compactions).toBeGreaterThanOrEqual(1);
    expect(continuing!.compactions).toBe(alone!.compactions);
  }, 180_000);
});
