import { describeMilestone, type RunMilestone, type SubAgentMilestone } from 'durable-agent';
import type { WorkerInfo } from '../../shared/models';
import type { TimelineDraft } from '../runs/milestone-timeline';

type AttemptStarted = Extract<RunMilestone, { kind: 'attempt-started' }>;

export type WorkerLoss = 'stopped' | 'killed' | 'crashed';

/**
 * Which worker ran each model-call attempt of one run and of its sub-agents, for its timeline: the
 * attempt's first event names the worker's Temporal identity (the run's own truth, read like every other
 * event); when it is one of the app's workers, the line links to it. A worker that ends during an attempt loses it: the app knows
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
    this.append({ kind: 'attempt-started', attempt: milestone.attempt, ...this.attributed(milestone) });
  }

  /**
   * A milestone of one of the run's sub-agents, from the sub-agent's own events: its model-call attempts
   * (naming their worker, as the run's own do) and their resets are lines of the run's timeline.
   */
  subAgent({ agents, milestone }: SubAgentMilestone): void {
    if (milestone.kind !== 'attempt-started' && milestone.kind !== 'attempt-reset') return;
    const { detail, workerId } = this.attributed(milestone);
    this.append({
      kind: 'sub-agent',
      attempt: milestone.attempt,
      detail: `sub-agent ${agents.join(' › ')}: ${detail}`,
      ...(workerId ? { workerId } : {}),
    });
  }

  /** The milestone in words, with the worker an attempt ran on (linked when it is one of the app's). */
  private attributed(milestone: RunMilestone): { detail: string; workerId?: string } {
    const identity = milestone.kind === 'attempt-started' ? milestone.worker : undefined;
    const worker = identity === undefined ? undefined : this.workerNamed(identity);
    const where = worker
      ? ` on ${worker.label}${worker.pid ? ` (pid ${worker.pid})` : ''}`
      : identity
        ? ` on ${identity}`
        : '';
    return { detail: `${describeMilestone(milestone)}${where}`, ...(worker ? { workerId: worker.id } : {}) };
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
