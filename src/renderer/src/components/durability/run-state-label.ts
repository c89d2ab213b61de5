import { assertNever } from '../../../../shared/assert-never';
import type { RunInfo } from '../../../../shared/models';
import { runDisplay } from '../../store/run-display';

/** One phrase for a run's state, e.g. `retrying — attempt 2 (worker lost)`. */
export function runStateLabel(run: RunInfo): string {
  const { phase, attempt, retryReason } = runDisplay(run);
  if (run.following && phase !== 'completed' && phase !== 'failed' && phase !== 'cancelled')
    return run.following.kind === 'reconnecting'
      ? 'Temporal unreachable — reconnecting'
      : 'waiting for its Temporal';
  switch (phase) {
    case 'submitted':
      return 'submitted';
    case 'waiting-for-worker':
      return 'waiting for a worker';
    case 'streaming':
      return attempt > 1 ? `streaming — attempt ${attempt}` : 'streaming';
    case 'retrying':
      return `retrying — attempt ${attempt} (${retryReason ?? 'attempt failed'})`;
    case 'awaiting-approval':
      return 'waiting for approval';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'stopped';
    default:
      return assertNever(phase);
  }
}
