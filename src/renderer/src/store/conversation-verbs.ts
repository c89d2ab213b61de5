import { messageOf } from 'durable-agent/run-view';
import type { StoreApi } from 'zustand';
import type { ConversationDetail } from '../../../shared/models';
import { api } from '../api';
import { showConversationInLocation } from '../conversation-location';
import type { AppState, SliceCreator } from './app-state';
import type { ChatSlice, ConversationVerb } from './chat-slice';

/** A conversation's branch on screen, as loaded: its messages here, its runs to the runs slice. */
export function receiveDetail(
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState'],
  detail: ConversationDetail,
): void {
  set((state) => ({
    messagesByConversation: { ...state.messagesByConversation, [detail.conversation.id]: detail.messages },
  }));
  get().receiveRunDetails(detail);
}

/** The chat slice's verbs over the conversation list: open, reload, rename, delete, search. */
export const createConversationVerbs: SliceCreator<Pick<ChatSlice, ConversationVerb>> = (set, get) => ({
  async loadConversations() {
    await get().attempt('Loading conversations', async () => {
      get().applyConversations(await api().listConversations());
    });
  },

  async selectConversation(conversationId) {
    set({ selectedConversationId: conversationId });
    showConversationInLocation(conversationId);
    if (conversationId) await get().reloadSelectedConversation();
  },

  async reloadSelectedConversation() {
    const conversationId = get().selectedConversationId;
    if (!conversationId) return;
    try {
      receiveDetail(set, get, await api().loadConversation({ conversationId }));
    } catch (error) {
      if (get().selectedConversationId !== conversationId) return;
      set({ selectedConversationId: undefined });
      showConversationInLocation(undefined);
      get().notify(`This conversation could not be opened: ${messageOf(error)}`, 'error');
    }
  },

  async renameConversation(conversationId, title) {
    await get().attempt('Renaming', async () => {
      const renamed = await api().renameConversation({ conversationId, title });
      set((state) => ({
        conversations: state.conversations.map((each) => (each.id === renamed.id ? renamed : each)),
      }));
    });
  },

  async deleteConversation(conversationId) {
    await get().attempt('Deleting', async () => {
      await api().deleteConversation({ conversationId });
      set((state) => {
        const { [conversationId]: _deleted, ...messagesByConversation } = state.messagesByConversation;
        return {
          messagesByConversation,
          conversations: state.conversations.filter((each) => each.id !== conversationId),
        };
      });
      if (get().selectedConversationId === conversationId) await get().selectConversation(undefined);
    });
  },

  async search(query) {
    set({ searchQuery: query });
    if (query.trim() === '') {
      set({ searchHits: undefined });
      return;
    }
    try {
      const hits = await api().searchConversations({ query });
      if (get().searchQuery === query) set({ searchHits: hits });
    } catch (error) {
      get().notify(`Search failed: ${messageOf(error)}`, 'error');
    }
  },

  applyConversations(conversations) {
    set({ conversations });
  },
});
