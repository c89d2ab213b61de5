import { type ConversationExport, parseConversationExport, planReplay } from 'durable-agent';
import { describe, expect, it } from 'vitest';
import { answered } from './support/answer';
import { setupTestHosts } from './support/setup-test-hosts';

const { readyHost } = setupTestHosts('export');

/** The parts of an export that a round trip keeps (the copy has its own ids and title). */
function content(document: ConversationExport) {
  return { messages: document.messages, runs: document.runs };
}

describe('Host export, import and replay', () => {
  it('exports a conversation with a sub-agent, imports it read-only, and exports the copy unchanged', async () => {
    const host = await readyHost();
    const first = await answered(host, 'What is 12 * 7?');
    await answered(host, 'Research Temporal.', first.conversation.id);

    // The timeline names the worker of the sub-agent's model call.
    const { timeline } = await host.handlers.loadConversation({ conversationId: first.conversation.id });
    expect(timeline.map((entry) => entry.detail)).toContainEqual(
      expect.stringMatching(/^sub-agent researcher: model call started on Worker 1 \(pid \d+\)$/),
    );

    const file = await host.handlers.exportConversation({
      conversationId: first.conversation.id,
      format: 'json',
    });
    expect(file.fileName).toMatch(/\.json$/);
    const exported = parseConversationExport(file.text);
    expect(exported.runs).toHaveLength(2);
    expect(exported.runs[1]?.subAgents[0]?.agentName).toBe('researcher');

    const copy = await host.handlers.importConversation({ text: file.text });
    expect(copy.title).toMatch(/\(imported\)$/);
    const original = await host.handlers.loadConversation({ conversationId: first.conversation.id });
    const imported = await host.handlers.loadConversation({ conversationId: copy.id });
    const shown = (detail: typeof original) =>
      detail.messages.map(({ role, text, status, toolCalls }) => ({ role, text, status, toolCalls }));
    expect(shown(imported)).toEqual(shown(original));
    expect(imported.runs.map((run) => run.view)).toEqual(original.runs.map((run) => run.view));
    expect(imported.runs[1]?.view.subAgents?.[0]?.status).toBe('completed');

    const again = await host.handlers.exportConversation({ conversationId: copy.id, format: 'json' });
    expect(content(parseConversationExport(again.text))).toEqual(content(exported));

    // Replay: the recorded events fold into the stored view.
    const replay = await host.handlers.loadRunReplay({ runId: imported.runs[1]!.id });
    expect(planReplay(replay.events).at(-1)?.view).toEqual(imported.runs[1]?.view);

    // Read-only: nothing can be added to the copy.
    await expect(host.handlers.sendMessage({ conversationId: copy.id, text: 'More?' })).rejects.toThrow(
      /read-only/,
    );

    const markdown = await host.handlers.exportConversation({
      conversationId: first.conversation.id,
      format: 'md',
    });
    expect(markdown.text).toContain('## You\n\nWhat is 12 * 7?');
    expect(markdown.text).toContain('> **Sub-agent researcher**');
  });

  it('refuses a file that is not an export, or is cut short, and imports nothing', async () => {
    const host = await readyHost();
    const before = await host.handlers.listConversations();
    await expect(host.handlers.importConversation({ text: '{"format": "something else"}' })).rejects.toThrow(
      /not a durable-agent conversation export/,
    );
    await expect(
      host.handlers.importConversation({ text: '{"format": "durable-agent/conversation-ex' }),
    ).rejects.toThrow(/truncated/);
    expect(await host.handlers.listConversations()).toEqual(before);
  });
});
