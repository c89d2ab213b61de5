import { CancellationScope, patched, sleep } from '@temporalio/workflow';
import { WALL_TIME_MID_CALL_PATCH } from '../common/names';
import type { BudgetMeter } from './budget-meter';

/**
 * A model call that may outlast the run's wall-time budget: a workflow timer races it and, when the time
 * runs out first, cancels the call (its partial text kept, like a Stop) at the limit — not at the next
 * step. Only runs with a wall-time limit start the timer, behind `patched()`: older runs replay as they
 * ran. Workflow state: a replay takes the same path.
 */
export class WallTimeWatch {
  /** The last call was cancelled because the wall time ran out. */
  expired = false;

  constructor(private readonly meter: BudgetMeter | undefined) {}

  /** Runs `call` in a scope of its own, cancelled when the wall-time budget runs out first. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    this.expired = false;
    const leftMs = this.meter?.wallTimeLeftMs();
    if (leftMs === undefined || !patched(WALL_TIME_MID_CALL_PATCH)) return call();
    const callScope = new CancellationScope();
    const timerScope = new CancellationScope();
    timerScope
      .run(() => sleep(Math.max(1, leftMs)))
      .then(
        () => {
          this.expired = true;
          callScope.cancel();
        },
        () => undefined, // the call ended first: the timer was cancelled
      );
    try {
      return await callScope.run(call);
    } finally {
      timerScope.cancel();
    }
  }
}
