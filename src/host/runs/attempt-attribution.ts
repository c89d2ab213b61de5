import type { WorkerInfo } from '../../shared/models';

/**
 * Names the worker of each model-call attempt of a run. The attempt's first event (TEXT_MESSAGE_START,
 * read from Temporal) and our worker's report (over IPC) race; whichever comes second completes the
 * pair. An attempt no worker of ours reports within `waitMs` ran elsewhere (e.g. a CLI worker).
 */
export class AttemptAttribution {
  private readonly reports: { readonly worker: WorkerInfo; readonly attempt: number }[] = [];
  private readonly waiting: { readonly attempt: number; readonly timer: NodeJS.Timeout }[] = [];

  constructor(
    private readonly record: (attempt: number, worker: WorkerInfo | undefined) => void,
    private readonly waitMs = 1500,
  ) {}

  /** One of our workers began a model call of this run. */
  reported(worker: WorkerInfo, attempt: number): void {
    const index = this.waiting.findIndex((entry) => entry.attempt === attempt);
    if (index >= 0) {
      const [entry] = this.waiting.splice(index, 1);
      clearTimeout(entry!.timer);
      this.record(attempt, worker);
      return;
    }
    this.reports.push({ worker, attempt });
    if (this.reports.length > 8) this.reports.shift();
  }

  /** The run's events show a model call attempt began. */
  started(attempt: number): void {
    const index = this.reports.findIndex((report) => report.attempt === attempt);
    if (index >= 0) {
      const [report] = this.reports.splice(0, index + 1).slice(-1);
      this.record(attempt, report!.worker);
      return;
    }
    const timer = setTimeout(() => {
      const position = this.waiting.findIndex((entry) => entry.timer === timer);
      if (position >= 0) this.waiting.splice(position, 1);
      this.record(attempt, undefined);
    }, this.waitMs);
    this.waiting.push({ attempt, timer });
  }

  /** Records what still waits for a report (the run is ending). */
  flush(): void {
    for (const entry of this.waiting.splice(0)) {
      clearTimeout(entry.timer);
      this.record(entry.attempt, undefined);
    }
  }

  dispose(): void {
    for (const entry of this.waiting.splice(0)) clearTimeout(entry.timer);
  }
}
