import type { ConversationMessage } from '../common/types';
import type { RunJournal } from '../runs/run-journal';

/** Where an agent loads conversations from: each new run's model sees the conversation so far. */
export interface ConversationStore {
  /** The conversation's messages so far, oldest first (none for a new conversation). */
  load(conversationId: string): Promise<ConversationMessage[]>;
}

/**
 * A conversation store that also keeps what runs add — through the run journal, the one place a run's
 * ending is stored: `recording(journal)` stores each ending's messages (once per run), then hands the
 * ending on. The `Agent` puts it in front of every journal it follows runs into.
 */
export interface RecordingConversationStore extends ConversationStore {
  recording(journal?: RunJournal): RunJournal;
}

export function isRecordingConversationStore(
  store: ConversationStore | undefined,
): store is RecordingConversationStore {
  return typeof (store as Partial<RecordingConversationStore> | undefined)?.recording === 'function';
}
