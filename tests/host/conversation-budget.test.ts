import { describe, expect, it } from 'vitest';
import { answer } from './support/answer';
import { setupTestHosts } from './support/setup-test-hosts';

const { readyHost, restart } = setupTestHosts('conversation-budget');

describe('Host conversation budget', () => {
  it('counts every run of the conversation, across a host restart, and ends the run over it as budget-exhausted', async () => {
    let host = await readyHost();
    const first = await answer(host, undefined, 'Hello!');
    const { conversationId } = first;
    const budget = { maxTokens: 10, maxCostUsd: null, maxToolCalls: null };
    const summary = await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: null,
      model: null,
      budget,
    });
    expect(summary.budget).toEqual(budget);
    host = await restart(host);
    expect((await host.handlers.listConversations())[0]?.budget).toEqual(budget);
    const over = await answer(host, conversationId, 'Hello again!');
    const detail = await host.handlers.loadConversation({ conversationId });
    const run = detail.runs.find((each) => each.assistantMessageId === over.id)!;
    expect(run.view.phase).toBe('budget-exhausted');
    expect(run.view.budget?.reached?.message).toMatch(
      /^Conversation budget of 10 tokens reached \(spent \d+ tokens\)$/,
    );
    expect(over.text).not.toContain('Hello again! How can I help?');

    // Without the budget the conversation answers again.
    await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: null,
      model: null,
      budget: null,
    });
    expect((await answer(host, conversationId, 'Hello again!')).text).toBe('Hello again! How can I help?');
  }, 150_000);
});
