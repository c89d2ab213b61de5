import { assertNever } from '../../../../shared/assert-never';
import type { RunInfo, TimelineEntry } from '../../../../shared/models';
import { retryAttempt } from '../chat/run-status-banner';

/** One phrase for a run's state, e.g. `retrying — attempt 2 (worker lost)`. */
export function runStateLabel(run: RunInfo, timeline: readonly TimelineEntry[] | undefined): string {
  switch (run.status) {
    case 'submitted':
      return 'submitted';
    case 'waiting-for-worker':
      return 'waiting for a worker';
    case 'streaming':
      return run.currentAttempt > 1 ? `streaming — attempt ${run.currentAttempt}` : 'streaming';
    case 'retrying':
      return `retrying — attempt ${retryAttempt(run, timeline)} (${run.retryReason ?? 'attempt failed'})`;
    case 'awaiting-approval':
      return 'waiting for approval';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'stopped';
    default:
      return assertNever(run.status);
  }
}
