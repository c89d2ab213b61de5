import { FINISHED_PHASES, type RunPhase } from 'durable-agent/run-view';
import { assertNever } from '../../../../shared/assert-never';
import type { RunInfo } from '../../../../shared/models';
import { runDisplay } from '../../store/run-display';

/** An unfinished run that waits on Temporal: unreachable, another cluster, or its heartbeat timeout for a lost worker. */
function waitsForTemporal(run: RunInfo, phase: string): boolean {
  return run.following !== undefined && !FINISHED_PHASES.includes(phase as RunPhase);
}

/** The state pill's class: the phase's colour, or a warning while the run waits for its Temporal. */
export function runStateClass(run: RunInfo): string {
  const { phase } = runDisplay(run);
  return waitsForTemporal(run, phase) ? 'run-waiting-for-temporal' : `run-${phase}`;
}

/** One phrase for a run's state, e.g. `retrying — attempt 2 (worker lost)`. */
export function runStateLabel(run: RunInfo): string {
  const { phase, attempt, retryReason } = runDisplay(run);
  if (run.following && waitsForTemporal(run, phase))
    return run.following.kind === 'reconnecting'
      ? 'Temporal unreachable — reconnecting'
      : run.following.kind === 'worker-lost'
        ? run.following.message
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
    case 'budget-exhausted':
      return 'budget exhausted';
    default:
      return assertNever(phase);
  }
}
