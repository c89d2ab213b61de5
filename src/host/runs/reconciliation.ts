import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import type { RunCoordinator } from './run-coordinator';

export interface ReconciliationReport {
  /** Runs followed again from their saved view; Temporal's word finishes them. */
  readonly resumed: number;
  /** Answers whose run was never recorded (the app stopped in between): ended as failed. */
  readonly orphaned: number;
}

/**
 * At start-up: every run not finalized is followed again from its saved view until Temporal's final word
 * (a run of another Temporal waits for it; an unreachable Temporal is waited for); answers that never got
 * a run are marked failed.
 */
export function reconcile(
  store: HistoryStore,
  events: HostEvents,
  coordinator: RunCoordinator,
): ReconciliationReport {
  const unfinished = store.runs.unfinished();
  for (const record of unfinished) coordinator.resume(record);
  const orphans = store.messages.orphanedStreaming();
  const at = new Date().toISOString();
  for (const orphan of orphans) {
    const error = {
      code: 'not-submitted',
      message: 'the app stopped before this message was submitted; send it again',
    };
    store.messages.finalize(
      orphan.id,
      { text: orphan.text, status: 'failed', attempt: orphan.attempt, error },
      at,
    );
    const updated = store.messages.get(orphan.id);
    if (updated) events.emit('messageUpdated', updated);
  }
  return { resumed: unfinished.length, orphaned: orphans.length };
}
