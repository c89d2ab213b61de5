import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api-error';
import type { ChatMessage, SentMessage } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import type { RunCoordinator } from '../runs/run-coordinator';

/** The chat verbs that ask for an answer: a new message, or the last answer again. One answer at a time. */
export class AnswerRequests {
  /** Conversations whose answer is being submitted right now. */
  private readonly submitting = new Set<string>();

  constructor(
    private readonly store: HistoryStore,
    private readonly runs: RunCoordinator,
    private readonly onConversationsChanged: () => void,
  ) {}

  /** Stores the user message and an empty streaming answer, then submits the run. */
  async send(request: { conversationId?: string; text: string }): Promise<SentMessage> {
    const { store } = this;
    const at = new Date().toISOString();
    const conversationId = request.conversationId ?? randomUUID();
    const { user, assistant } = store.transaction(() => {
      if (request.conversationId) this.checkIdle(request.conversationId);
      else store.conversations.insert(conversationId, titleFrom(request.text), at);
      store.conversations.touch(conversationId, at);
      const message = { id: randomUUID(), conversationId, role: 'user' as const, text: request.text };
      return {
        user: store.messages.insert({ ...message, status: 'complete', at }),
        assistant: store.messages.insert({
          ...message,
          id: randomUUID(),
          role: 'assistant',
          text: '',
          status: 'streaming',
          at,
        }),
      };
    });
    return this.submit(user, assistant);
  }

  /** Replaces the last answer of its conversation with a new run of the same prompt. */
  async regenerate(messageId: string): Promise<SentMessage> {
    const { store } = this;
    const message = store.messages.get(messageId);
    if (message?.role !== 'assistant') throw new ApiError('not-found', `no answer "${messageId}"`);
    const { conversationId } = message;
    if (store.messages.last(conversationId)?.id !== messageId) {
      throw new ApiError('conflict', 'only the last answer of a conversation can be regenerated');
    }
    const previousRun = message.runId ? store.runs.get(message.runId) : undefined;
    const user = previousRun
      ? store.messages.get(previousRun.userMessageId)
      : store.messages.byConversation(conversationId).findLast((each) => each.role === 'user');
    if (!user) throw new ApiError('not-found', 'the prompt of this answer is gone');
    const assistant = store.transaction(() => {
      this.checkIdle(conversationId);
      store.messages.delete(messageId);
      const at = new Date().toISOString();
      store.conversations.touch(conversationId, at);
      return store.messages.insert({
        id: randomUUID(),
        conversationId,
        role: 'assistant',
        text: '',
        status: 'streaming',
        at,
      });
    });
    return this.submit(user, assistant);
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

/** The first line of the first message, shortened: a conversation's initial title. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length <= 60 ? line : `${line.slice(0, 57).trimEnd()}…`;
}
