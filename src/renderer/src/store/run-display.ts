import { FINISHED_PHASES, type RunPhase } from 'durable-agent/run-view';
import type { RunInfo } from '../../../shared/models';

/** How a run reads right now: its phase, the attempt shown, and why it is retrying. */
export interface RunDisplay {
  readonly phase: RunPhase;
  readonly attempt: number;
  readonly retryReason?: string;
}

/**
 * The run's view, plus what only the app knows yet: one of its workers lost the current attempt, before
 * Temporal noticed (the next attempt is then what the run waits for).
 */
export function runDisplay(run: RunInfo): RunDisplay {
  const { view } = run;
  const lostCurrent = run.lostAttempt !== undefined && run.lostAttempt >= view.currentAttempt;
  const finished = FINISHED_PHASES.includes(view.phase);
  if (lostCurrent && !finished) {
    return { phase: 'retrying', attempt: run.lostAttempt! + 1, retryReason: 'worker lost' };
  }
  return {
    phase: view.phase,
    attempt: view.currentAttempt,
    ...(view.retryReason ? { retryReason: view.retryReason } : {}),
  };
}
