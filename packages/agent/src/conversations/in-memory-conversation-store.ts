import type { ConversationMessage } from '../common/types';
import { AppendingConversationStore } from './conversation-recording';

/** Conversations kept in this process only. */
export class InMemoryConversationStore extends AppendingConversationStore {
  private readonly conversations = new Map<string, ConversationMessage[]>();
  private readonly appliedRuns = new Set<string>();

  /** The conversation's messages so far, oldest first. */
  async load(conversationId: string): Promise<ConversationMessage[]> {
    return [...(this.conversations.get(conversationId) ?? [])];
  }

  /** Appends a run's messages (seeding a conversation); false when that run's messages were already here. */
  async appendRun(
    conversationId: string,
    runId: string,
    messages: readonly ConversationMessage[],
  ): Promise<boolean> {
    if (this.appliedRuns.has(runId)) return false;
    this.appliedRuns.add(runId);
    this.conversations.set(conversationId, [...(this.conversations.get(conversationId) ?? []), ...messages]);
    return true;
  }
}
