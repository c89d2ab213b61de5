import type { AttachmentReference } from 'durable-agent/run-view';
import { messageOf } from 'durable-agent/run-view';
import type {
  ChatMessage,
  ConversationDetail,
  ConversationSearchHit,
  ConversationSummary,
  SentMessage,
} from '../../../shared/models';
import { api } from '../api';
import { conversationFromLocation, showConversationInLocation } from '../conversation-location';
import type { SliceCreator } from './app-state';
import { branchAbove, upsertMessage } from './message-list-update';

/** Conversations, the selected one's messages, search, and the chat verbs. */
export interface ChatSlice {
  readonly conversations: readonly ConversationSummary[];
  /** undefined: a new conversation, created by its first message. */
  readonly selectedConversationId: string | undefined;
  readonly messagesByConversation: Readonly<Record<string, readonly ChatMessage[]>>;
  readonly searchQuery: string;
  readonly searchHits: readonly ConversationSearchHit[] | undefined;
  readonly sending: boolean;
  loadConversations(): Promise<void>;
  selectConversation(conversationId: string | undefined): Promise<void>;
  /** Reloads the selected conversation (after a reconnect: events may have been missed). */
  reloadSelectedConversation(): Promise<void>;
  renameConversation(conversationId: string, title: string): Promise<void>;
  deleteConversation(conversationId: string): Promise<void>;
  search(query: string): Promise<void>;
  /** Sends to the selected conversation (or a new one), with files attached; resolves true once submitted. */
  sendMessage(text: string, attachments?: readonly AttachmentReference[]): Promise<boolean>;
  stopRun(runId: string): Promise<void>;
  /** "Send now": sends `text` into the running run; resolves true once the run has it. */
  steerRun(runId: string, text: string): Promise<boolean>;
  /** Another version of an answer (the earlier ones are kept as versions). */
  regenerate(messageId: string): Promise<void>;
  /** A new version of a sent prompt, answered on its own branch; resolves true once submitted. */
  editMessage(messageId: string, text: string): Promise<boolean>;
  /** Shows the branch of one version of a message. */
  showVersion(messageId: string): Promise<void>;
  applyConversations(conversations: readonly ConversationSummary[]): void;
  applyMessage(message: ChatMessage): void;
}

export const createChatSlice: SliceCreator<ChatSlice> = (set, get) => {
  /** `branchFrom`: a new version was made there (an edit, a regeneration): the branch below it goes. */
  const receiveSent = (sent: SentMessage, branchFrom?: string) => {
    const conversationId = sent.conversation.id;
    set((state) => {
      let messages: readonly ChatMessage[] = branchAbove(
        state.messagesByConversation[conversationId] ?? [],
        branchFrom,
      );
      messages = upsertMessage(messages, sent.userMessage);
      const known = messages.find((message) => message.id === sent.assistantMessage.id);
      if (!known || known.text.length <= sent.assistantMessage.text.length)
        messages = upsertMessage(messages, sent.assistantMessage);
      return {
        messagesByConversation: { ...state.messagesByConversation, [conversationId]: messages },
        conversations: state.conversations.some((each) => each.id === conversationId)
          ? state.conversations
          : [sent.conversation, ...state.conversations],
        selectedConversationId: conversationId,
      };
    });
    showConversationInLocation(conversationId);
    get().applyRun(sent.run);
  };
  const receiveDetail = (detail: ConversationDetail) => {
    set((state) => ({
      messagesByConversation: { ...state.messagesByConversation, [detail.conversation.id]: detail.messages },
    }));
    get().receiveRunDetails(detail);
  };

  return {
    conversations: [],
    selectedConversationId: conversationFromLocation(),
    messagesByConversation: {},
    searchQuery: '',
    searchHits: undefined,
    sending: false,

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
        receiveDetail(await api().loadConversation({ conversationId }));
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

    async sendMessage(text, attachments) {
      if (get().sending) return false;
      set({ sending: true });
      try {
        const conversationId = get().selectedConversationId;
        const files = attachments?.length ? { attachments: [...attachments] } : {};
        receiveSent(
          await api().sendMessage(conversationId ? { conversationId, text, ...files } : { text, ...files }),
        );
        return true;
      } catch (error) {
        get().notify(messageOf(error), 'error');
        await get().reloadSelectedConversation();
        return false;
      } finally {
        set({ sending: false });
      }
    },

    async stopRun(runId) {
      await get().attempt('Stopping', () => api().stopRun({ runId }));
    },

    async steerRun(runId, text) {
      try {
        await api().steerRun({ runId, text });
        return true;
      } catch (error) {
        get().notify(`Sending now: ${messageOf(error)}`, 'error');
        return false;
      }
    },

    async regenerate(messageId) {
      await get().attempt('Regenerating', async () => {
        receiveSent(await api().regenerate({ messageId }), messageId);
      });
    },

    async editMessage(messageId, text) {
      try {
        receiveSent(await api().editMessage({ messageId, text }), messageId);
        return true;
      } catch (error) {
        get().notify(messageOf(error), 'error');
        return false;
      }
    },

    async showVersion(messageId) {
      await get().attempt('Switching versions', async () => {
        receiveDetail(await api().showMessageVersion({ messageId }));
      });
    },

    applyConversations(conversations) {
      set({ conversations });
    },

    applyMessage(message) {
      set((state) => {
        const messages = state.messagesByConversation[message.conversationId];
        if (!messages) return {};
        return {
          messagesByConversation: {
            ...state.messagesByConversation,
            [message.conversationId]: upsertMessage(messages, message),
          },
        };
      });
    },
  };
};
