import { randomUUID } from 'node:crypto';
import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { HistoryStore } from '../history/history-store';
import type { RunCoordinator } from '../runs/run-coordinator';
import { conversationDetail, conversationSummary } from './conversation-detail';

export type ConversationChannel =
  | 'listConversations'
  | 'createConversation'
  | 'renameConversation'
  | 'deleteConversation'
  | 'searchConversations'
  | 'setConversationSettings'
  | 'loadConversation';

/**
 * The conversation list: made, renamed, searched, given their settings, opened (the branch on screen with
 * live text), deleted (its runs no longer followed first). Every change tells the windows the list.
 */
export function conversationHandlers(context: {
  readonly store: HistoryStore;
  readonly runs: RunCoordinator;
  readonly conversationsChanged: () => void;
}): Pick<InvokeHandlers, ConversationChannel> {
  const { store, runs, conversationsChanged } = context;
  const summary = (conversationId: string) => conversationSummary(store, conversationId);
  return {
    listConversations: async () => store.conversations.summaries(),
    createConversation: async (request) => {
      const id = randomUUID();
      store.conversations.insert(id, request?.title ?? 'New conversation', new Date().toISOString());
      conversationsChanged();
      return summary(id);
    },
    renameConversation: async ({ conversationId, title }) => {
      if (!store.conversations.rename(conversationId, title, new Date().toISOString()))
        summary(conversationId);
      conversationsChanged();
      return summary(conversationId);
    },
    deleteConversation: async ({ conversationId }) => {
      summary(conversationId);
      await runs.forgetConversation(conversationId);
      store.conversations.delete(conversationId);
      conversationsChanged();
    },
    searchConversations: async ({ query }) => store.conversations.search(query),
    setConversationSettings: async ({ conversationId, ...conversationSettings }) => {
      if (!store.conversations.setSettings(conversationId, conversationSettings)) summary(conversationId);
      conversationsChanged();
      return summary(conversationId);
    },
    loadConversation: async ({ conversationId }) => conversationDetail(store, runs, conversationId),
  };
}
