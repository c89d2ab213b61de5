import { messageOf } from 'durable-agent/run-view';
import type { ChatMessage, SentMessage } from '../../../shared/models';
import { api } from '../api';
import { showConversationInLocation } from '../conversation-location';
import type { SliceCreator } from './app-state';
import type { AnswerVerb, ChatSlice } from './chat-slice';
import { receiveDetail } from './conversation-verbs';
import { branchAbove, upsertMessage } from './message-list-update';

/** The chat slice's verbs that ask for or steer an answer: send, stop, steer, regenerate, edit, versions. */
export const createAnswerVerbs: SliceCreator<Pick<ChatSlice, AnswerVerb>> = (set, get) => {
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

  return {
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
        receiveDetail(set, get, await api().showMessageVersion({ messageId }));
      });
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
