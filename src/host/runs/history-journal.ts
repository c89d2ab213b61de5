import { answerOf, type RunEnding, type RunEntry, type RunJournal, type RunView } from 'durable-agent';
import type { HistoryStore } from '../history/history-store';
import type { RunRecord } from '../history/run-table';
import { isWriteFailure } from '../history/save-status';
import type { HostEvents } from '../host-events';
import { finalizeRun } from './run-finalization';

const FINISH_RETRY_MS = 500;
const FINISH_RETRY_MAX_MS = 10_000;

/**
 * The app's `RunJournal`: a run's Temporal, its view and partial answer, and its ending, in history.db. A
 * write that fails (a full disk) never ends following: progress is skipped (the next one carries the whole
 * view again) and the ending is kept and tried again until it is stored — Temporal holds the answer meanwhile.
 * Each failure and the recovery go to `store.saving` (the host shows a notice).
 */
export class HistoryJournal implements RunJournal {
  constructor(
    private readonly store: HistoryStore,
    private readonly events: HostEvents,
    private readonly run: RunRecord,
  ) {}

  record(entry: RunEntry): void {
    this.store.runs.setTemporal(this.run.id, entry.temporal);
  }

  progress(_entry: RunEntry, view: RunView): void {
    const { store } = this;
    const at = new Date().toISOString();
    try {
      store.transaction(() => {
        store.runs.saveView(this.run.id, view);
        const { text, attempt, toolCalls } = answerOf(view);
        store.messages.updateStream(this.run.assistantMessageId, text, attempt, at, toolCalls);
      });
      store.saving.succeeded();
    } catch (error) {
      if (!isWriteFailure(error)) throw error;
      store.saving.failed(error);
    }
  }

  /**
   * Stores the ending, trying again (0.5 s, 1 s, 2 s… then every 10 s) while the file system refuses the
   * write (a full disk). Gives up only when the store is closed (the app quits): the run then stays
   * unfinished in history.db and the next start follows it again, from Temporal, and stores it then. Any
   * other error throws, as before (it would fail the same way again).
   */
  async finish(_entry: RunEntry, ending: RunEnding): Promise<void> {
    for (let failures = 0; this.store.isOpen; failures++) {
      try {
        finalizeRun(this.store, this.events, this.run, ending);
        this.store.saving.succeeded();
        return;
      } catch (error) {
        if (!this.store.isOpen) return;
        if (!isWriteFailure(error)) throw error;
        this.store.saving.failed(error);
        await pause(Math.min(FINISH_RETRY_MS * 2 ** failures, FINISH_RETRY_MAX_MS));
      }
    }
  }
}

/** A pause that does not keep the process alive (a quitting app does not wait for the next try). */
function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref());
}
