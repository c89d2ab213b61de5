import { restartDelayMs } from '../restart-backoff';

/**
 * When a worker that ended by itself starts again: 0.5 s after its first failure, doubling up to 10 s
 * while it keeps failing (Temporal still down); back to 0.5 s once it was ready.
 */
export class RestartSchedule {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** ISO time of the pending restart, if one is pending. */
  at: string | undefined;

  get pending(): boolean {
    return this.timer !== undefined;
  }

  schedule(restart: () => void): void {
    this.cancel();
    const delay = restartDelayMs(this.failures++);
    this.at = new Date(Date.now() + delay).toISOString();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.at = undefined;
      restart();
    }, delay);
    this.timer.unref();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.at = undefined;
  }

  /** The worker reached ready: its next failure restarts it quickly again. */
  succeeded(): void {
    this.failures = 0;
  }
}
