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
  /** `journal` (or none), with each ending's messages stored here (once per run) before it hears of the ending. */
  recording(journal?: RunJournal): RunJournal;
}

/** `journal`, with `store` in front of it when it records (see `RecordingConversationStore`). */
export function recordingInto(store: ConversationStore | undefined, journal: RunJournal): RunJournal {
  const recording = (store as Partial<RecordingConversationStore> | undefined)?.recording;
  return typeof recording === 'function' ? recording.call(store, journal) : journal;
}
