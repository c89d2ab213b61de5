import {
  assertNever,
  BUDGET_APPROVAL_TOOL,
  describeCompaction,
  formatDuration,
  type RunMilestone,
} from 'durable-agent';
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
      const { toolName, arguments: args, reason } = milestone.approval;
      if (toolName === BUDGET_APPROVAL_TOOL)
        return { kind: 'approval-asked', detail: `${reason ?? 'the budget is spent'} (waits for an answer)` };
      const why = reason ? ` — ${reason}` : '';
      return { kind: 'approval-asked', detail: `${toolName}(${args}) waits for approval${why}` };
    }
    case 'approval-resolved':
      return { kind: 'approval-answered', detail: approvalRecord(milestone) };
    case 'budget-reached':
      return {
        kind: 'budget',
        detail: `${milestone.message}${milestone.action === 'ask' ? ' — asking whether to go on' : ''}`,
      };
    case 'steer-received':
      return {
        kind: 'steer',
        detail: `message sent into the run${milestone.from ? ` by ${milestone.from}` : ''}: "${milestone.text}"`,
      };
    case 'context-compacted':
      return { kind: 'compacted', detail: describeCompaction(milestone) };
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

/** `tool call approved by durable-agent app ada@laptop at 2026-12-06T22:40:01.000Z`, or expired, or withdrawn. */
function approvalRecord(milestone: Extract<RunMilestone, { kind: 'approval-resolved' }>): string {
  const { approved, decidedBy, reason, decider, decidedAt, alwaysAllow } = milestone;
  const when = decidedAt ? ` at ${decidedAt}` : '';
  const why = reason ? `: ${reason}` : '';
  if (decidedBy === 'timeout') return `tool call expired${when}${why}`;
  if (decidedBy === 'cancel') return `tool call withdrawn: the run was stopped${when}`;
  const verdict = approved ? (alwaysAllow ? 'always allowed in this conversation' : 'approved') : 'rejected';
  return `tool call ${verdict} by ${decider ?? 'the user'}${when}${why}`;
}
