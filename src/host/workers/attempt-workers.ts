import { describeMilestone, type RunMilestone } from 'durable-agent';
import type { WorkerInfo } from '../../shared/models';
import type { TimelineDraft } from '../runs/milestone-timeline';

type AttemptStarted = Extract<RunMilestone, { kind: 'attempt-started' }>;

export type WorkerLoss = 'stopped' | 'killed' | 'crashed';

/**
 * Which worker ran each model-call attempt of one run, for its timeline: the attempt's first event names
 * the worker's Temporal identity (the run's own truth, read like every other event); when it is one of
 * the app's workers, the line links to it. A worker that ends during an attempt loses it: the app knows
 * before Temporal does.
 */
export class AttemptWorkers {
  /** The last attempt one of our workers lost. */
  lostAttempt: number | undefined;

  constructor(
    private readonly append: (draft: TimelineDraft) => void,
    private readonly workerNamed: (identity: string) => WorkerInfo | undefined,
  ) {}

  /** The run's events show a model call attempt began, on the worker its milestone names (if any). */
  started(milestone: AttemptStarted): void {
    const { attempt, worker: identity } = milestone;
    const worker = identity === undefined ? undefined : this.workerNamed(identity);
    const where = worker
      ? ` on ${worker.label}${worker.pid ? ` (pid ${worker.pid})` : ''}`
      : identity
        ? ` on ${identity}`
        : '';
    this.append({
      kind: 'attempt-started',
      attempt,
      detail: `${describeMilestone(milestone)}${where}`,
      ...(worker ? { workerId: worker.id } : {}),
    });
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
