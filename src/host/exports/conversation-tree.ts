import type { ExportedTree, ExportedTreeMessage } from 'durable-agent';
import type { HistoryStore } from '../history/history-store';

/**
 * The conversation's whole tree for an export: every prompt and every finished answer (an answer still
 * being written is left out, with nothing under it), and the leaf of the branch on screen.
 * Undefined when the conversation has no message yet.
 */
export function conversationTree(store: HistoryStore, conversationId: string): ExportedTree | undefined {
  const leaf = store.conversations.leaf(conversationId);
  if (!leaf) return undefined;
  const kept = new Set<string>();
  const messages: ExportedTreeMessage[] = [];
  for (const message of store.messages.byConversation(conversationId)) {
    if (message.parentId && !kept.has(message.parentId)) continue;
    const common = { id: message.id, parentId: message.parentId ?? null, content: message.text };
    if (message.role === 'user')
      messages.push({
        ...common,
        role: 'user',
        ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      });
    else {
      const replies = message.runId ? store.runs.addedMessages(message.runId) : undefined;
      if (!replies) continue;
      messages.push({ ...common, role: 'assistant', runId: message.runId, replies });
    }
    kept.add(message.id);
  }
  const shown = store.messages.branch(leaf).filter((message) => kept.has(message.id));
  return { messages, shownLeafId: shown.at(-1)?.id ?? messages.at(-1)!.id };
}
