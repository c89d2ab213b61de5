import type { RunEntry, RunJournal } from './run-journal';
import type { RunView } from './run-view';

/**
 * Hands a followed run's view to `journal.progress` at a bounded rate (and at once for what matters), one
 * write after another, so that no progress write can land after the ending.
 */
export class ProgressWriter {
  private lastWrite = 0;
  private timer: NodeJS.Timeout | undefined;
  private latest: RunView | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly journal: RunJournal,
    /** The run's entry as the journal gets it (read at each write). */
    private readonly entry: () => RunEntry,
    private readonly intervalMs: number,
  ) {}

  /** The view changed; `now` writes it at once (a milestone), otherwise within `intervalMs`. */
  update(view: RunView, now: boolean): void {
    this.latest = view;
    const elapsed = Date.now() - this.lastWrite;
    if (!now && elapsed < this.intervalMs) {
      this.timer ??= setTimeout(() => this.write(), this.intervalMs - elapsed);
      return;
    }
    this.write();
  }

  /** Drops what is not written yet and waits for the writes under way (before the ending is written). */
  async settle(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.latest = undefined;
    await this.writes;
  }

  /** Writes `view` now, after the writes under way (following stops: the caller resumes from it). */
  async writeNow(view: RunView): Promise<void> {
    await this.settle();
    await this.journal.progress(this.entry(), view);
  }

  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const view = this.latest;
    if (!view) return;
    this.latest = undefined;
    this.lastWrite = Date.now();
    // A failed write is not fatal: the next one (or the ending) carries the whole view again.
    this.writes = this.writes.then(() => this.journal.progress(this.entry(), view)).catch(() => undefined);
  }
}
