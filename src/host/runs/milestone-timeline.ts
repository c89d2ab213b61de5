import { assertNever, describeMilestone, type RunMilestone } from 'durable-agent';
import type { TimelineKind } from '../../shared/models';
import type { NewTimelineEntry } from '../history/timeline-table';

export type TimelineDraft = Omit<NewTimelineEntry, 'runId' | 'at'>;

/**
 * The timeline line of a milestone of the run's view, in the library's words (`describeMilestone`), or
 * undefined for milestones written elsewhere: `attempt-started` by the attempt's attribution (which names
 * the app's worker), the ending by the run's finalization; tool calls show in the answer itself.
 */
export function timelineDraftOf(milestone: RunMilestone): TimelineDraft | undefined {
  const kind = timelineKindOf(milestone);
  if (kind === undefined) return undefined;
  return {
    kind,
    ...(milestone.kind === 'attempt-reset' ? { attempt: milestone.attempt } : {}),
    detail: describeMilestone(milestone),
  };
}

function timelineKindOf(milestone: RunMilestone): TimelineKind | undefined {
  switch (milestone.kind) {
    case 'worker-waiting':
    case 'worker-timed-out':
      return 'worker-check';
    case 'worker-found':
      return 'worker-found';
    case 'attempt-reset':
      return 'attempt-reset';
    case 'approval-requested':
      return 'approval-asked';
    case 'approval-resolved':
      return 'approval-answered';
    case 'budget-reached':
      return 'budget';
    case 'steer-received':
      return 'steer';
    case 'context-compacted':
      return 'compacted';
    case 'sub-agent-started':
    case 'sub-agent-finished':
      return 'sub-agent';
    case 'attempt-started':
    case 'tool-called':
    case 'tool-result':
    case 'finished':
    case 'failed':
      return undefined;
    default:
      return assertNever(milestone);
  }
}
