import type { ConversationMessage } from '../common/types';

/**
 * Where an agent keeps conversations. Each run's messages are appended exactly once, keyed by the run:
 * appending the same run again (e.g. after a crash and a later `attach`) changes nothing.
 */
export interface ConversationStore {
  /** The conversation's messages so far, oldest first (none for a new conversation). */
  load(conversationId: string): Promise<ConversationMessage[]>;
  /** Returns false when this run's messages were already there. */
  appendRun(
    conversationId: string,
    runId: string,
    messages: readonly ConversationMessage[],
  ): Promise<boolean>;
}
