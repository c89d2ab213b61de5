/** Streams up to this many at once publish at the run's own batch interval. */
const STREAMS_AT_BASE_PACE = 50;
/** Each stream beyond those adds this much to every stream's interval… */
const MS_PER_EXTRA_STREAM = 4;
/** …up to this interval. */
const MAX_INTERVAL_MS = 1200;

/**
 * How often the model calls of one worker publish their text. Every batch costs a signal and a workflow
 * task, on the worker and on Temporal, whatever its size: when many runs stream at once, each publishes
 * fewer, larger batches, so the total rate of batches stays within what the service carries.
 */
export class StreamPacing {
  private active = 0;

  /** Counts a stream until the returned function is called. */
  open(): () => void {
    this.active++;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.active--;
    };
  }

  /** The interval between a stream's batches, at least `minimumMs` (the run's `streamBatchMs`). */
  intervalMs(minimumMs: number): number {
    const extra = Math.max(0, this.active - STREAMS_AT_BASE_PACE) * MS_PER_EXTRA_STREAM;
    return Math.max(minimumMs, Math.min(MAX_INTERVAL_MS, minimumMs + extra));
  }
}
