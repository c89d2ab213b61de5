import { afterEach, describe, expect, it } from 'vitest';
import { collectRunExport } from '../src/client/collect-run-export';
import { asControlEvent } from '../src/common/events';
import { InMemoryConversationStore } from '../src/conversations/in-memory-conversation-store';
import { buildConversationExport } from '../src/export/build-conversation-export';
import { conversationMarkdown } from '../src/export/conversation-markdown';
import type { ConversationExport } from '../src/export/export-document';
import { parseConversationExport } from '../src/export/parse-conversation-export';
import { defineAgentTool } from '../src/tools/define-agent-tool';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents, readUntil } from './support/collect-events';
import { connectClient } from './support/temporal-connection';

const researcher = defineAgentTool({
  name: 'researcher',
  description: 'Finds facts.',
  instructions: 'You are a researcher.',
});
const TRAVEL_PLAN = 'Write a travel plan for Japan.';
const STEERED_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const STEER = 'Make it 3 days instead.';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A two-turn conversation — a travel plan whose first attempt is cut, then a delegation — exported. */
async function exportedConversation(): Promise<ConversationExport> {
  const conversations = new InMemoryConversationStore();
  fixture = await createAgentFixture({ worker: { agents: [researcher] }, agent: { conversations } });
  fixture.model.injectFault({ kind: 'clean-close', afterTokens: 12, match: 'travel' });
  const conversationId = 'export-test';
  const first = await fixture.agent.stream(TRAVEL_PLAN, { conversationId });
  await fixture.agent.settle(first);
  const second = await fixture.agent.stream('Research Temporal.', { conversationId });
  await fixture.agent.settle(second);
  const { client, connection } = await connectClient();
  try {
    const runs = [];
    for (const run of [first, second])
      runs.push(await collectRunExport(client, run.id, { runId: run.runId, threadId: conversationId }));
    const messages = await conversations.load(conversationId);
    return buildConversationExport({ id: conversationId, title: 'Japan and Temporal' }, messages, runs);
  } finally {
    await connection.close();
  }
}

describe('Conversation export', () => {
  it('round-trips through JSON with every message, tool call, event, attempt and sub-agent log', async () => {
    const document = await exportedConversation();
    const imported = parseConversationExport(JSON.stringify(document));
    expect(imported).toEqual(document);

    const [plan, delegation] = imported.runs;
    expect(plan?.attempts).toBe(2);
    expect(plan?.events.some((event) => asControlEvent(event)?.name === 'attempt-reset')).toBe(true);
    expect(
      plan?.events.every((event, index) => event.seq === index && typeof event.timestamp === 'number'),
    ).toBe(true);
    expect(plan?.workers.filter((each) => each.activity === 'invokeModelStreaming').at(-1)).toMatchObject({
      attempt: 2,
      outcome: 'completed',
    });
    expect(plan?.workers.at(-1)?.worker).toContain('assistant@');
    expect(delegation?.subAgents).toHaveLength(1);
    const child = delegation?.subAgents[0];
    expect(child?.workflowId).toBe(`${delegation?.workflowId}/researcher/1`);
    expect(child?.agentName).toBe('researcher');
    expect(child?.events.at(-1)?.type).toBe('RUN_FINISHED');
    const toolCalls = imported.messages.flatMap((message) =>
      message.role === 'assistant' ? (message.toolCalls ?? []) : [],
    );
    expect(toolCalls.map((call) => call.name)).toEqual(['researcher']);
    expect(imported.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  });

  it('writes readable Markdown with the final text of a retried answer once and the sub-agent quoted', async () => {
    const markdown = conversationMarkdown(await exportedConversation());
    if (process.env.SHOW_MARKDOWN) console.log(markdown);
    expect(markdown.match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    expect(markdown).toContain(`## You\n\n${TRAVEL_PLAN}`);
    expect(markdown).toContain('completed · 1 model call, 1 retry');
    expect(markdown).toMatch(/> \*\*Sub-agent researcher\*\*/);
    expect(markdown).toContain('> Three facts about Temporal:');
  });

  it('keeps a steer inside its run: each run line follows its own turn, in order', async () => {
    const conversations = new InMemoryConversationStore();
    fixture = await createAgentFixture({ pace: 100, agent: { conversations } });
    const conversationId = 'export-steer';
    const steered = await fixture.agent.stream(STEERED_PLAN, { conversationId });
    const events = steered.events();
    await readUntil(events, [], (event) => JSON.stringify(event).includes('Day 2'));
    await steered.steer(STEER);
    await collectEvents(events);
    await fixture.agent.settle(steered);
    const after = await fixture.agent.stream('Hello!', { conversationId });
    await fixture.agent.settle(after);
    const { client, connection } = await connectClient();
    let document: ConversationExport;
    try {
      const runs = [];
      for (const run of [steered, after])
        runs.push(await collectRunExport(client, run.id, { runId: run.runId, threadId: conversationId }));
      const messages = await conversations.load(conversationId);
      document = buildConversationExport({ id: conversationId, title: 'Steered' }, messages, runs);
    } finally {
      await connection.close();
    }
    const markdown = conversationMarkdown(document);
    const order = [
      `## You\n\n${STEERED_PLAN}`,
      `## You (sent while it ran)\n\n${STEER}`,
      'Here is a 3-day version: …',
      `*Run \`${steered.runId}\`: completed`,
      '## You\n\nHello!',
      'Hello! How can I help you today?',
      `*Run \`${after.runId}\`: completed`,
    ].map((part) => markdown.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((left, right) => left - right));
    expect(markdown.match(/^\*Run /gm)).toHaveLength(2);
  });
});

describe('parseConversationExport', () => {
  const minimal: ConversationExport = buildConversationExport({ id: 'c', title: 't' }, [], []);

  it('refuses a truncated file, saying it may be truncated', () => {
    const text = JSON.stringify(minimal);
    expect(() => parseConversationExport(text.slice(0, text.length / 2))).toThrow(
      /not valid JSON.*truncated/,
    );
  });

  it('refuses JSON that is not our export', () => {
    expect(() => parseConversationExport('{"messages": []}')).toThrow(
      /not a durable-agent conversation export/,
    );
  });

  it('refuses an export whose run log stops before the run ends', () => {
    const run = {
      runId: 'r',
      workflowId: 'a/c/r',
      prompt: 'hi',
      status: 'completed',
      attempts: 1,
      rounds: 1,
      usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 },
      usageByAttempt: [],
      workers: [],
      events: [{ type: 'RUN_STARTED', seq: 0, runId: 'r', threadId: 'c' }],
      subAgents: [],
    };
    expect(() => parseConversationExport(JSON.stringify({ ...minimal, runs: [run] }))).toThrow(
      /incomplete: the event log of run r stops before the run ends/,
    );
  });
});
