import type { AttachmentReference } from 'durable-agent/run-view';
import type { ChatMessage, ConversationSearchHit, ConversationSummary } from '../../../shared/models';
import { conversationFromLocation } from '../conversation-location';
import { createAnswerVerbs } from './answer-verbs';
import type { SliceCreator } from './app-state';
import { createConversationVerbs } from './conversation-verbs';

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

/** The verbs over the conversation list (`ConversationVerbs`): open, reload, rename, delete, search. */
export type ConversationVerb =
  | 'loadConversations'
  | 'selectConversation'
  | 'reloadSelectedConversation'
  | 'renameConversation'
  | 'deleteConversation'
  | 'search'
  | 'applyConversations';

/** The verbs that ask for or steer an answer (`AnswerVerbs`): send, stop, steer, regenerate, edit, versions. */
export type AnswerVerb =
  | 'sendMessage'
  | 'stopRun'
  | 'steerRun'
  | 'regenerate'
  | 'editMessage'
  | 'showVersion'
  | 'applyMessage';

export const createChatSlice: SliceCreator<ChatSlice> = (...creator) => ({
  conversations: [],
  selectedConversationId: conversationFromLocation(),
  messagesByConversation: {},
  searchQuery: '',
  searchHits: undefined,
  sending: false,
  ...createConversationVerbs(...creator),
  ...createAnswerVerbs(...creator),
});
