import { defaultPayloadConverter } from '@temporalio/common';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRunInput } from '../src/common/types';
import { InMemoryConversationStore } from '../src/conversations/in-memory-conversation-store';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { connectClient } from './support/temporal-connection';
import { historyEvents, payloadValue } from './support/workflow-history';

const GREETING = 'Hello from remote agent!';
const INTRODUCTION = 'My name is Ada.';
const NAME_QUESTION = 'What is my name?';
const FIRST_QUESTION = 'What did I ask you first?';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** The input a run's workflow was started with, read back from its history on Temporal. */
async function workflowInput(id: string): Promise<AgentRunInput> {
  const { client, connection } = await connectClient();
  try {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (payload == null) throw new Error(`the history of ${id} starts without an input`);
    return defaultPayloadConverter.fromPayload<AgentRunInput>(payload);
  } finally {
    await connection.close();
  }
}

describe('a conversation with a store', () => {
  it('sends the model every earlier user prompt and answer, in order, so it can answer from them', async () => {
    fixture = await createAgentFixture({ agent: { conversations: new InMemoryConversationStore() } });
    const ask = async (prompt: string) => {
      const run = await fixture!.agent.stream(prompt, { conversationId: 'ada' });
      return { id: run.id, text: (await fixture!.agent.settle(run)).result.text };
    };

    const greeting = await ask(GREETING);
    const introduction = await ask(INTRODUCTION);
    const third = await ask(NAME_QUESTION);

    expect(greeting.text).toBe('Hello! How can I help you today?');
    expect(introduction.text).toBe('Nice to meet you, Ada!');
    expect(third.text).toBe('Your name is Ada.');
    expect((await workflowInput(third.id)).messages).toEqual([
      { role: 'user', content: GREETING },
      { role: 'assistant', content: greeting.text },
      { role: 'user', content: INTRODUCTION },
      { role: 'assistant', content: introduction.text },
      { role: 'user', content: NAME_QUESTION },
    ]);

    expect((await ask(FIRST_QUESTION)).text).toBe(`You first asked: "${GREETING}"`);
  });

  it('answers that it does not know when the conversation holds no earlier turns', async () => {
    fixture = await createAgentFixture({ agent: { conversations: new InMemoryConversationStore() } });
    await fixture.agent.run(INTRODUCTION, { conversationId: 'ada' });
    expect((await fixture.agent.run(NAME_QUESTION, { conversationId: 'someone-else' })).text).toBe(
      "I don't know your name yet. What is it?",
    );
    expect((await fixture.agent.run(FIRST_QUESTION, { conversationId: 'a-new-one' })).text).toBe(
      'This is the first thing you asked me.',
    );
  });
});

describe('a long conversation', () => {
  it('is in the run’s history once, in its input: model calls carry only the run’s own prompt and read the rest', async () => {
    const conversations = new InMemoryConversationStore();
    // ~400 kB of earlier turns, the first prompt first.
    const filler = 'lorem ipsum dolor sit amet '.repeat(1_500);
    await conversations.appendRun('long', 'seed', [
      { role: 'user', content: GREETING },
      { role: 'assistant', content: 'Hello! How can I help you today?' },
      ...Array.from({ length: 10 }, (_, turn) => [
        { role: 'user' as const, content: `${turn}: ${filler}` },
        { role: 'assistant' as const, content: `noted ${turn}` },
      ]).flat(),
    ]);
    fixture = await createAgentFixture({ agent: { conversations } });
    const run = await fixture.agent.stream(FIRST_QUESTION, { conversationId: 'long' });
    // The model read the whole conversation: its first prompt is the greeting.
    expect((await run.result()).text).toBe(`You first asked: "${GREETING}"`);

    const events = await historyEvents(run.id);
    const input = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(input?.data?.length).toBeGreaterThan(400_000);
    const calls = events.flatMap((event) => event.activityTaskScheduledEventAttributes ?? []);
    expect(calls.map((call) => call.activityType?.name)).toEqual(['invokeModelStreaming']);
    const callInput = payloadValue(calls[0]?.input?.payloads?.[0]) as {
      earlierMessages?: { count: number };
      messages: unknown[];
    };
    expect(callInput.earlierMessages).toEqual({ from: 'workflow-input', count: 22 });
    expect(callInput.messages).toEqual([{ role: 'user', content: FIRST_QUESTION }]);
    expect(calls[0]?.input?.payloads?.[0]?.data?.length).toBeLessThan(5_000);
  });
});
