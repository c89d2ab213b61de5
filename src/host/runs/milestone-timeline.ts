import { assertNever, formatDuration, type RunMilestone } from 'durable-agent';
import type { NewTimelineEntry } from '../history/timeline-table';

export type TimelineDraft = Omit<NewTimelineEntry, 'runId' | 'at'>;

/**
 * The timeline line of a milestone of the run's view (`attempt-started` is written by the attempt's
 * attribution, which names the worker; tool calls show in the answer itself).
 */
export function timelineDraftOf(milestone: RunMilestone): TimelineDraft | undefined {
  switch (milestone.kind) {
    case 'worker-waiting':
      return {
        kind: 'worker-check',
        detail: `waiting for a worker on task queue "${milestone.taskQueue}" (up to ${formatDuration(milestone.timeoutMs)})`,
      };
    case 'worker-found':
      return {
        kind: 'worker-found',
        detail: `a worker on task queue "${milestone.taskQueue}" picked the run up after ${formatDuration(milestone.elapsedMs)}`,
      };
    case 'worker-timed-out':
      return {
        kind: 'worker-check',
        detail: `no worker polled task queue "${milestone.taskQueue}" within ${formatDuration(milestone.timeoutMs)}`,
      };
    case 'attempt-reset':
      return {
        kind: 'attempt-reset',
        attempt: milestone.attempt,
        detail: `attempt ${milestone.attempt} replaces attempt ${milestone.attempt - 1} (${milestone.reason}); its partial text was dropped`,
      };
    case 'approval-requested': {
      const { toolName, arguments: args } = milestone.approval;
      return { kind: 'approval-asked', detail: `${toolName}(${args}) waits for approval` };
    }
    case 'approval-resolved': {
      const { approved, decidedBy, reason } = milestone;
      const verdict =
        decidedBy === 'timeout' ? 'expired' : `${approved ? 'approved' : 'rejected'} (${decidedBy})`;
      return { kind: 'approval-answered', detail: `tool call ${verdict}${reason ? `: ${reason}` : ''}` };
    }
    case 'sub-agent-started':
      return {
        kind: 'sub-agent',
        detail: `sub-agent ${milestone.agentName} started (child workflow ${milestone.workflowId})`,
      };
    case 'sub-agent-finished':
      return {
        kind: 'sub-agent',
        detail: `sub-agent ${milestone.agentName} ${milestone.status} after ${milestone.attempts === 1 ? '1 model call' : `${milestone.attempts} model-call attempts`}`,
      };
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
