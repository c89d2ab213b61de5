import {
  answerOf,
  describeEnding,
  endedAnswerOf,
  type RunEnding,
  type RunEntry,
  type RunJournal,
  type RunView,
  retryStoring,
  settleRunView,
} from 'durable-agent';
import type { HistoryStore } from '../history/history-store';
import { type RunRecord, toRunInfo } from '../history/run-table';
import { isWriteFailure } from '../history/save-status';
import type { HostEvents } from '../host-events';

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

  /** Stores the ending, trying again while the file system refuses the write (a full disk): `retryStoring`. */
  async finish(_entry: RunEntry, ending: RunEnding): Promise<void> {
    const { saving } = this.store;
    await retryStoring(() => this.finalize(ending), {
      refused: isWriteFailure,
      open: () => this.store.isOpen,
      onRefused: (error) => saving.failed(error),
      onStored: () => saving.succeeded(),
    });
  }

  /**
   * Stores how the run ended — run record, final message (the workflow's recorded result), timeline entry
   * (its kind is the run's status) — in one transaction, exactly once: a run already finalized is left
   * alone. Then tells the UI.
   */
  finalize(ending: RunEnding): void {
    const { store, run } = this;
    const { result } = ending;
    const view = settleRunView(ending.view, result);
    const at = new Date().toISOString();
    const entry = store.transaction(() => {
      if (!store.runs.finalize(run.id, view, result.messages, at)) return undefined;
      const { toolCalls, ...answer } = endedAnswerOf(view, result.status);
      // Nothing lost: a run that ended without text of its own (never found, timed out) keeps the stored part.
      const text = answer.text || (store.messages.get(run.assistantMessageId)?.text ?? '');
      const kept = toolCalls.length > 0 ? { toolCalls } : {}; // none: the stored ones stay
      store.messages.finalize(run.assistantMessageId, { ...answer, text, ...kept }, at);
      store.conversations.touch(run.conversationId, at);
      const detail = describeEnding(ending);
      return store.timeline.append({ runId: run.id, kind: result.status, at, detail }) ?? null;
    });
    if (entry === undefined) return;
    const message = store.messages.get(run.assistantMessageId);
    if (message) this.events.emit('messageUpdated', message);
    const stored = store.runs.get(run.id);
    if (stored) this.events.emit('runUpdated', toRunInfo(stored));
    if (entry) this.events.emit('timelineAppended', entry);
  }
}
