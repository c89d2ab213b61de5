import type { Context } from '@temporalio/activity';

/**
 * Whether this attempt of an activity is still the one Temporal waits for. A worker paused past the
 * heartbeat timeout (SIGSTOP, a frozen VM, a laptop lid) wakes up holding attempts Temporal has replaced:
 * the one it was running, and later ones it handed to the worker's still-open polls while it slept. Such
 * an attempt must publish nothing — its `attempt-reset` would land after its successor's, and the usage it
 * reports for the attempt before it would be counted twice.
 *
 * Asking Temporal costs a call, so it is asked only when the attempt may have been replaced: a retry or an
 * attempt that waited (it may be one handed to a sleeping poll), and after any pause of this process long
 * enough for a heartbeat timeout to pass unheard (the process could not tick its clock).
 */
export class AttemptLease {
  private readonly pauseMs: number;
  private readonly clock: NodeJS.Timeout;
  private lastTick = Date.now();
  private doubted: boolean;
  private superseded = false;
  private asking: Promise<boolean> | undefined;

  constructor(
    private readonly activity: Context,
    heartbeatTimeoutMs: number,
    private readonly onSuperseded: () => void,
  ) {
    // Heartbeats reach Temporal up to 0.8 of the timeout apart: a pause of a fifth of it may be one too many.
    this.pauseMs = Math.max(100, Math.floor(heartbeatTimeoutMs / 5));
    const { attempt, currentAttemptScheduledTimestampMs } = activity.info;
    this.doubted = attempt > 1 || Date.now() - currentAttemptScheduledTimestampMs > this.pauseMs;
    this.clock = setInterval(() => this.tick(), Math.max(50, Math.floor(this.pauseMs / 2)));
    this.clock.unref();
  }

  /** True while this attempt may publish; once false (replaced), false for good. */
  async held(): Promise<boolean> {
    this.tick();
    if (this.superseded) return false;
    if (!this.doubted) return true;
    this.asking ??= this.askTemporal().finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  stop(): void {
    clearInterval(this.clock);
  }

  /** A tick late by more than a pause means this process was not running: Temporal may have moved on. */
  private tick(): void {
    const now = Date.now();
    if (now - this.lastTick > this.pauseMs) this.doubted = true;
    this.lastTick = now;
  }

  private async askTemporal(): Promise<boolean> {
    const { activityId, attempt, workflowExecution } = this.activity.info;
    // Cleared before asking: a pause while Temporal answers doubts the answer again.
    this.doubted = false;
    let pending: { activityId?: string | null; attempt?: number | null }[];
    try {
      const handle = this.activity.client.workflow.getHandle(
        workflowExecution?.workflowId ?? '',
        workflowExecution?.runId,
      );
      pending = (await handle.describe()).raw.pendingActivities ?? [];
    } catch {
      // Temporal did not answer: publishing fails or goes through as it would have; ask again next time.
      this.doubted = true;
      return true;
    }
    // Replaced: the activity is gone (completed, failed, its run closed) or Temporal counts a later attempt.
    if (pending.some((each) => each.activityId === activityId && each.attempt === attempt)) return true;
    this.superseded = true;
    this.onSuperseded();
    return false;
  }
}
