import type { WorkerInfo } from '../../shared/models';
import type { TimelineDraft } from '../runs/milestone-timeline';

export type WorkerLoss = 'stopped' | 'killed' | 'crashed';

/**
 * Which of the app's workers ran each model-call attempt of one run, for its timeline. The attempt's first
 * event (read from Temporal) and our worker's report (over IPC) race; whichever comes second completes the
 * pair. An attempt no worker of ours reports within `waitMs` ran elsewhere (e.g. a CLI worker). A worker
 * that ends during an attempt loses it: the app knows before Temporal does.
 */
export class AttemptWorkers {
  /** The last attempt one of our workers lost. */
  lostAttempt: number | undefined;
  private readonly reports: { readonly worker: WorkerInfo; readonly attempt: number }[] = [];
  private readonly waiting: { readonly attempt: number; readonly timer: NodeJS.Timeout }[] = [];

  constructor(
    private readonly append: (draft: TimelineDraft) => void,
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

  /** One of our workers ended during `attempt`; false when that attempt was already known lost. */
  lost(worker: WorkerInfo, how: WorkerLoss, attempt: number, pid?: number): boolean {
    if ((this.lostAttempt ?? 0) >= attempt) return false;
    this.lostAttempt = attempt;
    const what = how === 'killed' ? 'was killed (SIGKILL)' : how === 'stopped' ? 'was stopped' : 'crashed';
    this.append({
      kind: 'worker-lost',
      attempt,
      workerId: worker.id,
      detail: `${worker.label}${pid ? ` (pid ${pid})` : ''} ${what} during attempt ${attempt}; ${handOver(how, worker.taskQueue)}`,
    });
    return true;
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

  private record(attempt: number, worker: WorkerInfo | undefined): void {
    const where = worker ? ` on ${worker.label}${worker.pid ? ` (pid ${worker.pid})` : ''}` : '';
    this.append({
      kind: 'attempt-started',
      attempt,
      detail: attempt > 1 ? `model call, attempt ${attempt}, started${where}` : `model call started${where}`,
      ...(worker ? { workerId: worker.id } : {}),
    });
  }
}

/** The timeline line of a call other than a model call (`during a tool call`) one of our workers was running when it ended. */
export function callLostLine(worker: WorkerInfo, how: WorkerLoss, call: string, pid?: number): TimelineDraft {
  const what = how === 'killed' ? 'was killed (SIGKILL)' : how === 'stopped' ? 'was stopped' : 'crashed';
  return {
    kind: 'worker-lost',
    workerId: worker.id,
    detail: `${worker.label}${pid ? ` (pid ${pid})` : ''} ${what} during ${call}; the app failed the call in Temporal at once, and it runs again on the next worker that polls task queue "${worker.taskQueue}"`,
  };
}

/** What happens to a lost attempt: who tells Temporal, and where the next attempt runs. */
function handOver(how: WorkerLoss, taskQueue: string): string {
  const next = `attempt runs on the next worker that polls task queue "${taskQueue}"`;
  return how === 'stopped'
    ? `it handed the call back to Temporal, and the next ${next}`
    : `the app failed the attempt in Temporal at once, and the next ${next} (a second worker at once, or this one after Restart)`;
}
