import type { FollowableRun, FollowState } from './follow-options';
import type { RunView } from './run-view';

/** A model or tool call whose worker stopped heartbeating: Temporal retries it once the heartbeat timeout passes. */
export interface LostWorkerWait {
  readonly heartbeatTimeoutMs: number;
  /** Until Temporal's heartbeat timeout declares the attempt lost (0: any moment now). */
  readonly remainingMs: number;
}

/** `waiting for Temporal to notice the lost worker (heartbeat timeout 10 s) — 7 s left` */
export function lostWorkerWaitMessage(wait: LostWorkerWait): string {
  const timeout = `heartbeat timeout ${Math.round(wait.heartbeatTimeoutMs / 1000)} s`;
  const left = Math.ceil(wait.remainingMs / 1000);
  return `waiting for Temporal to notice the lost worker (${timeout}) — ${left > 0 ? `${left} s left` : 'any moment now'}`;
}

/** Silence in a running attempt after which Temporal is asked whether its worker is lost. */
const SILENCE_MS = 2000;
const CHECK_EVERY_MS = 1000;

/**
 * While a run's events are read: when they stop during an attempt, asks Temporal whether the attempt's
 * worker went silent, and says what the run waits for, with a countdown (`worker-lost` follow state) until
 * events come again. Where nobody supervises the worker (two terminals, a lost host), the heartbeat timeout
 * is the only way Temporal learns of it: the wait is real, and now it is told.
 */
export class LostWorkerWatch {
  private lastEventAt = Date.now();
  private checking = false;
  /** The last check found an attempt waiting for the heartbeat timeout. */
  private waiting = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly run: FollowableRun,
    private readonly view: () => RunView,
    private readonly onState: (state: FollowState) => void,
  ) {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref?.();
  }

  /** An event arrived: the run moves. */
  eventArrived(): void {
    this.lastEventAt = Date.now();
    this.waiting = false;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    const { phase } = this.view();
    if (this.checking || Date.now() - this.lastEventAt < SILENCE_MS) return;
    if (phase !== 'streaming' && phase !== 'retrying' && phase !== 'submitted') return;
    this.checking = true;
    const checkedFrom = this.lastEventAt;
    try {
      const wait = await this.run.lostWorkerWait();
      // An event that arrived meanwhile says more than Temporal's answer to an older question.
      if (this.lastEventAt !== checkedFrom) return;
      if (wait) this.onState({ kind: 'worker-lost', ...wait, message: lostWorkerWaitMessage(wait) });
      // Temporal has noticed (the attempt is scheduled again): the wait is over, whatever comes next.
      else if (this.waiting) this.onState({ kind: 'live' });
      this.waiting = wait !== undefined;
    } catch {
      // Temporal unreachable: following says so itself.
    } finally {
      this.checking = false;
    }
  }
}
