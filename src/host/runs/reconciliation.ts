import { AgentError } from 'durable-agent';
import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import type { RunCoordinator } from './run-coordinator';
import { finalizeRun } from './run-finalization';
import { notSubmitted } from './run-not-submitted';

export interface ReconciliationReport {
  /** Runs re-attached from their last stored seq; the coordinator finishes them. */
  readonly resumed: number;
  /** Runs Temporal no longer knows: ended as failed. */
  readonly missing: number;
  /** Answers whose run was never submitted (the app stopped in between): ended as failed. */
  readonly orphaned: number;
}

/**
 * At start-up: every run the store still has unfinished is re-attached and followed from its last seq, so
 * its final message is stored (exactly once, by the run's finalization); answers that never got a run are
 * marked failed.
 */
export async function reconcile(
  store: HistoryStore,
  events: HostEvents,
  coordinator: RunCoordinator,
  log: (line: string) => void,
): Promise<ReconciliationReport> {
  let resumed = 0;
  let missing = 0;
  for (const record of store.runs.unfinished()) {
    try {
      await coordinator.resume(record);
      resumed++;
    } catch (error) {
      if (!(error instanceof AgentError && error.code === 'run-not-found')) {
        log(`could not re-attach run ${record.id} (${String(error)}); trying again at the next start`);
        continue;
      }
      missing++;
      const message = store.messages.get(record.assistantMessageId);
      // A run still 'submitted' was recorded but the app stopped before Temporal had it.
      const reason =
        record.status === 'submitted'
          ? 'the app stopped before this message was submitted; send it again'
          : 'the run no longer exists on Temporal (was its database reset?)';
      finalizeRun(store, events, {
        record,
        state: record,
        foldedText: message?.text ?? '',
        result: notSubmitted(record, new AgentError('run-not-found', reason)),
        hadApprovals: false,
      });
    }
  }
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
  return { resumed, missing, orphaned: orphans.length };
}
