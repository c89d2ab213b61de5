import type { ConversationMessage } from '../common/types';
import type { RunEnding, RunEntry, RunJournal } from '../runs/run-journal';
import type { RecordingConversationStore } from './conversation-store';

/** Appends a run's messages to its conversation; false when that run's messages were already there. */
export type AppendRun = (
  conversationId: string,
  runId: string,
  messages: readonly ConversationMessage[],
) => Promise<boolean>;

/**
 * `journal` (or none), with each ending's messages appended to its conversation before `journal` hears of
 * the ending: a crash in between leaves the run in the journal, and following it again appends nothing twice.
 */
export function recordingConversation(append: AppendRun, journal?: RunJournal): RunJournal {
  return {
    record: (entry: RunEntry) => journal?.record(entry),
    progress: (entry, view) => journal?.progress(entry, view),
    finish: async (entry: RunEntry, ending: RunEnding) => {
      if (ending.messages.length > 0) await append(entry.conversationId, entry.runId, ending.messages);
      await journal?.finish(entry, ending);
    },
  };
}

/** A conversation store that appends runs' messages itself: `recording` puts that append in front of a journal. */
export abstract class AppendingConversationStore implements RecordingConversationStore {
  /** The conversation's messages so far, oldest first. */
  abstract load(conversationId: string): Promise<ConversationMessage[]>;

  /** Appends a run's messages (once per run id); false when that run's messages were already here. */
  abstract appendRun(
    conversationId: string,
    runId: string,
    messages: readonly ConversationMessage[],
  ): Promise<boolean>;

  /** `journal`, with each run's messages stored here first (see `RecordingConversationStore`). */
  recording(journal?: RunJournal): RunJournal {
    return recordingConversation((...run) => this.appendRun(...run), journal);
  }
}
