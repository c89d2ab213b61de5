import { randomUUID } from 'node:crypto';
import type { AttachmentReference } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import { isImportedConversation } from '../../shared/export-models';
import type { ChatMessage, SentMessage } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import type { RunCoordinator } from '../runs/run-coordinator';

/**
 * The chat verbs that ask for an answer: a new message, an edited prompt, another version of an answer.
 * The conversation is a tree: a new message follows the branch on screen; an edit or a regeneration adds a
 * sibling version and shows its branch. One answer at a time per conversation.
 */
export class AnswerRequests {
  /** Conversations whose answer is being submitted right now. */
  private readonly submitting = new Set<string>();

  constructor(
    private readonly store: HistoryStore,
    private readonly runs: RunCoordinator,
    private readonly onConversationsChanged: () => void,
  ) {}

  /** Stores the user message (after the branch on screen) and an empty streaming answer, then submits. */
  async send(request: {
    conversationId?: string;
    text: string;
    attachments?: readonly AttachmentReference[];
  }): Promise<SentMessage> {
    const { store } = this;
    const conversationId = request.conversationId ?? randomUUID();
    const { user, assistant } = store.transaction(() => {
      if (request.conversationId) this.checkIdle(request.conversationId);
      else
        store.conversations.insert(
          conversationId,
          titleFrom(request.text || (request.attachments?.[0]?.name ?? '')),
          new Date().toISOString(),
        );
      const parentId = store.conversations.leaf(conversationId) ?? null;
      return this.insertTurn(conversationId, parentId, request.text, request.attachments);
    });
    return this.submit(user, assistant);
  }

  /** A new version of a sent prompt: a sibling of it with `text`, answered anew; its branch is shown. */
  async edit(messageId: string, text: string): Promise<SentMessage> {
    const { store } = this;
    const original = store.messages.get(messageId);
    if (original?.role !== 'user') throw new ApiError('not-found', `no prompt "${messageId}"`);
    const { conversationId } = original;
    refuseImported(conversationId);
    const { user, assistant } = store.transaction(() => {
      this.checkIdle(conversationId);
      // The edited prompt keeps the files of the original.
      return this.insertTurn(conversationId, original.parentId ?? null, text, original.attachments);
    });
    return this.submit(user, assistant);
  }

  /** Another version of an answer: a new run of the same prompt, beside the earlier answers. */
  async regenerate(messageId: string): Promise<SentMessage> {
    const { store } = this;
    const message = store.messages.get(messageId);
    if (message?.role !== 'assistant') throw new ApiError('not-found', `no answer "${messageId}"`);
    const { conversationId } = message;
    refuseImported(conversationId);
    const previousRun = message.runId ? store.runs.get(message.runId) : undefined;
    const userId = previousRun?.userMessageId ?? message.parentId;
    const user = userId ? store.messages.get(userId) : undefined;
    if (!user) throw new ApiError('not-found', 'the prompt of this answer is gone');
    const assistant = store.transaction(() => {
      this.checkIdle(conversationId);
      return this.insertAnswer(conversationId, user.id, new Date().toISOString());
    });
    return this.submit(user, assistant);
  }

  /** Shows the branch of one version of a message (its newest continuation); refused while answering. */
  showVersion(messageId: string): void {
    const { store } = this;
    const message = store.messages.get(messageId);
    if (!message) throw new ApiError('not-found', `no message "${messageId}"`);
    store.transaction(() => {
      this.checkIdle(message.conversationId);
      store.conversations.showBranch(message.conversationId, store.messages.newestLeafUnder(messageId));
    });
  }

  private insertTurn(
    conversationId: string,
    parentId: string | null,
    text: string,
    attachments: readonly AttachmentReference[] | undefined,
  ) {
    const { store } = this;
    const at = new Date().toISOString();
    const user = store.messages.insert({
      id: randomUUID(),
      conversationId,
      parentId,
      role: 'user',
      text,
      status: 'complete',
      ...(attachments?.length ? { attachments } : {}),
      at,
    });
    return { user, assistant: this.insertAnswer(conversationId, user.id, at) };
  }

  /** An empty streaming answer to `userId`, shown as the conversation's leaf. */
  private insertAnswer(conversationId: string, userId: string, at: string): ChatMessage {
    const { store } = this;
    store.conversations.touch(conversationId, at);
    const assistant = store.messages.insert({
      id: randomUUID(),
      conversationId,
      parentId: userId,
      role: 'assistant',
      text: '',
      status: 'streaming',
      at,
    });
    store.conversations.showBranch(conversationId, assistant.id);
    return assistant;
  }

  private async submit(user: ChatMessage, assistant: ChatMessage): Promise<SentMessage> {
    const { conversationId } = assistant;
    this.submitting.add(conversationId);
    this.onConversationsChanged();
    try {
      const { run, assistantMessage } = await this.runs.submit(user, assistant);
      return {
        conversation: this.store.conversations.summary(conversationId)!,
        userMessage: this.store.messages.get(user.id)!,
        assistantMessage,
        run,
      };
    } finally {
      this.submitting.delete(conversationId);
      this.onConversationsChanged();
    }
  }

  private checkIdle(conversationId: string): void {
    const { store } = this;
    if (!store.conversations.exists(conversationId))
      throw new ApiError('not-found', `no conversation "${conversationId}"`);
    if (this.submitting.has(conversationId) || store.messages.last(conversationId)?.status === 'streaming') {
      throw new ApiError(
        'conflict',
        'an answer is still being written in this conversation; stop it or wait for it',
      );
    }
  }
}

/** An imported conversation is a read-only record: nothing in it runs again. */
function refuseImported(conversationId: string): void {
  if (isImportedConversation(conversationId))
    throw new ApiError('conflict', 'an imported conversation is read-only: nothing in it can run again');
}

/** The first line of the first message, shortened: a conversation's initial title. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length <= 60 ? line : `${line.slice(0, 57).trimEnd()}…`;
}
