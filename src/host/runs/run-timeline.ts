import {
  describeSubAgentMilestone,
  describeWorkerLoss,
  type MilestoneWording,
  type RunMilestone,
  type SubAgentMilestone,
  type WorkerLoss,
} from 'durable-agent';
import type { WorkerActivity, WorkerInfo } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import { appendTimelineLine, type TimelineDraft, timelineDraftOf } from '../timeline/timeline-lines';

/**
 * One run's timeline in history.db: its milestones and its sub-agents' model-call attempts, each attempt on
 * the worker its first event names (linked when it is one of the app's), and what only the app knows first —
 * one of its workers ended during an attempt or a call. A line a full disk refuses is lost; following goes on.
 */
export class RunTimeline {
  /** The last attempt one of our workers lost. */
  lostAttempt: number | undefined;
  private readonly wording: MilestoneWording;

  constructor(
    private readonly store: HistoryStore,
    private readonly events: HostEvents,
    private readonly runId: string,
    private readonly workerNamed: (identity: string) => WorkerInfo | undefined,
  ) {
    this.wording = {
      workerName: (identity) => {
        const worker = this.workerNamed(identity);
        return worker && nameOf(worker, worker.pid);
      },
    };
  }

  milestone(milestone: RunMilestone): void {
    const draft = timelineDraftOf(milestone, this.wording);
    if (draft) this.append({ ...draft, ...this.workerOf(milestone) });
  }

  /** A sub-agent's model-call attempts and their resets (from its own events) are lines of the run's timeline. */
  subAgent(milestone: SubAgentMilestone): void {
    const { kind } = milestone.milestone;
    if (kind !== 'attempt-started' && kind !== 'attempt-reset') return;
    const detail = describeSubAgentMilestone(milestone, this.wording);
    this.append({
      kind: 'sub-agent',
      attempt: milestone.milestone.attempt,
      detail,
      ...this.workerOf(milestone.milestone),
    });
  }

  /**
   * One of our workers ended while running `lost` of this run: a model call's attempt (Temporal hands it on),
   * or another call the app failed at once. True when the run lost an attempt not known lost before.
   */
  workerLost(worker: WorkerInfo, how: WorkerLoss['how'], lost: WorkerActivity, pid?: number): boolean {
    const { attempt, activity } = lost;
    const model = activity === 'invokeModelStreaming';
    if (model && (this.lostAttempt ?? 0) >= attempt) return false;
    const { taskQueue } = worker;
    const detail = describeWorkerLoss({ worker: nameOf(worker, pid), how, activity, attempt, taskQueue });
    if (detail)
      this.append({ kind: 'worker-lost', ...(model ? { attempt } : {}), workerId: worker.id, detail });
    if (model) this.lostAttempt = attempt;
    return model;
  }

  append(draft: TimelineDraft): void {
    appendTimelineLine(this.store, this.events, {
      ...draft,
      runId: this.runId,
      at: new Date().toISOString(),
    });
  }

  /** The app's worker an attempt ran on, if it is one of ours. */
  private workerOf(milestone: RunMilestone): { workerId?: string } {
    const identity = milestone.kind === 'attempt-started' ? milestone.worker : undefined;
    const worker = identity === undefined ? undefined : this.workerNamed(identity);
    return worker ? { workerId: worker.id } : {};
  }
}

/** `Worker 1 (pid 4242)`: one of the app's workers, as the timeline names it. */
function nameOf(worker: WorkerInfo, pid: number | undefined): string {
  return `${worker.label}${pid ? ` (pid ${pid})` : ''}`;
}
