import { formatBytes } from '../common/attachment-reference';
import { BUDGET_APPROVAL_TOOL } from '../common/budget';
import { formatDuration } from '../common/duration';
import { assertNever } from '../common/errors';
import { describeCompaction } from './compaction-line';
import type { RunMilestone } from './run-view';
import type { SubAgentMilestone } from './watch-sub-agent';

/** How a reader names what a milestone refers to. */
export interface MilestoneWording {
  /** The name of the worker with this Temporal identity (the app: its label and pid); default: the identity. */
  readonly workerName?: (identity: string) => string | undefined;
}

/**
 * A milestone of a run in words: one line of its timeline. The one wording of every milestone — the app's
 * timeline and the replay dialog both use it; an attempt names the worker it ran on, as `wording` names it.
 */
export function describeMilestone(milestone: RunMilestone, wording: MilestoneWording = {}): string {
  switch (milestone.kind) {
    case 'worker-waiting':
      return `waiting for a worker on task queue "${milestone.taskQueue}" (up to ${formatDuration(milestone.timeoutMs)})`;
    case 'worker-found':
      return `a worker on task queue "${milestone.taskQueue}" picked the run up after ${formatDuration(milestone.elapsedMs)}`;
    case 'worker-timed-out':
      return `no worker polled task queue "${milestone.taskQueue}" within ${formatDuration(milestone.timeoutMs)}`;
    case 'attempt-started': {
      // "attempt N" only for a retry: a first call is just a model call.
      const call =
        milestone.attempt > 1 ? `model call, attempt ${milestone.attempt}, started` : 'model call started';
      const { worker } = milestone;
      return worker ? `${call} on ${wording.workerName?.(worker) ?? worker}` : call;
    }
    case 'attempt-reset':
      return `attempt ${milestone.attempt} replaces attempt ${milestone.attempt - 1} (${milestone.reason}); its partial text was dropped`;
    case 'tool-called':
      return `tool ${milestone.name} called`;
    case 'tool-result':
      return `tool ${milestone.name} returned`;
    case 'approval-requested': {
      const { toolName, arguments: args, reason } = milestone.approval;
      if (toolName === BUDGET_APPROVAL_TOOL)
        return `${reason ?? 'the budget is spent'} (waits for an answer)`;
      return `${toolName}(${args}) waits for approval${reason ? ` — ${reason}` : ''}`;
    }
    case 'approval-resolved':
      return approvalLine(milestone);
    case 'budget-reached':
      return `${milestone.message}${milestone.action === 'ask' ? ' — asking whether to go on' : ''}`;
    case 'steer-received':
      return `message sent into the run${milestone.from ? ` by ${milestone.from}` : ''}: "${milestone.text}"`;
    case 'context-compacted':
      return describeCompaction(milestone);
    case 'continued-as-new':
      return continuedLine(milestone);
    case 'sub-agent-started':
      return `sub-agent ${milestone.agentName} started (child workflow ${milestone.workflowId})`;
    case 'sub-agent-finished':
      return `sub-agent ${milestone.agentName} ${milestone.status} after ${milestone.attempts === 1 ? '1 model call' : `${milestone.attempts} model-call attempts`}`;
    case 'finished':
      return `run ${milestone.status}`;
    case 'failed':
      return `run failed: ${milestone.error.message}`;
    default:
      return assertNever(milestone);
  }
}

/** A sub-agent's milestone in words, under the delegations down to it: `sub-agent researcher: model call started on …`. */
export function describeSubAgentMilestone(
  { agents, milestone }: SubAgentMilestone,
  wording: MilestoneWording = {},
): string {
  return `sub-agent ${agents.join(' › ')}: ${describeMilestone(milestone, wording)}`;
}

/** `tool call approved by durable-agent app ada@laptop at 2026-12-06T22:40:01.000Z`, or expired, or withdrawn. */
function approvalLine(milestone: Extract<RunMilestone, { kind: 'approval-resolved' }>): string {
  const { approved, decidedBy, reason, decider, decidedAt, alwaysAllow } = milestone;
  const when = decidedAt ? ` at ${decidedAt}` : '';
  const why = reason ? `: ${reason}` : '';
  if (decidedBy === 'timeout') return `tool call expired${when}${why}`;
  if (decidedBy === 'cancel') return `tool call withdrawn: the run was stopped${when}`;
  const verdict = approved ? (alwaysAllow ? 'always allowed in this conversation' : 'approved') : 'rejected';
  return `tool call ${verdict} by ${decider ?? 'the user'}${when}${why}`;
}

/** Why a run continued as new, in words. */
const CONTINUE_REASONS = {
  'temporal-suggested': 'Temporal suggested it',
  'history-events': 'its history reached the event limit',
  'history-bytes': 'its history reached the size limit',
} as const;

/** `continued as new in Temporal run 2 after 48 history events (23 kB; its history reached the event limit)`. */
function continuedLine(milestone: Extract<RunMilestone, { kind: 'continued-as-new' }>): string {
  const { temporalRun, historyEvents, historyBytes, reason } = milestone;
  return `continued as new in Temporal run ${temporalRun} after ${historyEvents} history events (${formatBytes(historyBytes)}; ${CONTINUE_REASONS[reason]})`;
}
