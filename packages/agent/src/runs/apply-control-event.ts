import { assertNever } from '../common/errors';
import type { ControlEvent } from '../common/events';
import type { AttemptUsage } from '../common/types';
import { applySubAgentEvent } from './apply-sub-agent-event';
import type { RunViewUsage } from './run-view';
import { type AddMilestone, type RunViewDraft, upsertMessage } from './run-view-draft';

/** Our CUSTOM events (worker check, attempt reset, approvals, usage): the reducer's second half. */
export function applyControlEvent(next: RunViewDraft, control: ControlEvent, milestone: AddMilestone): void {
  switch (control.name) {
    case 'worker-wait':
      applyWorkerWait(next, control.value, milestone);
      return;
    case 'attempt-reset':
      applyAttemptReset(next, control.value, milestone);
      return;
    case 'approval-request': {
      const approval = control.value;
      next.phase = 'awaiting-approval';
      next.approvals = [
        ...next.approvals.filter((each) => each.toolCallId !== approval.toolCallId),
        approval,
      ];
      milestone({ kind: 'approval-requested', approval });
      return;
    }
    case 'approval-resolved':
      applyApprovalResolved(next, control.value, milestone);
      return;
    case 'budget-status':
      next.budget = { ...control.value, ...(next.budget?.reached ? { reached: next.budget.reached } : {}) };
      return;
    case 'budget-reached': {
      const reached = control.value;
      if (next.budget) next.budget = { ...next.budget, reached };
      milestone({ kind: 'budget-reached', ...reached });
      return;
    }
    case 'steer-received': {
      const steer = control.value;
      next.steers = [...(next.steers ?? []), steer];
      milestone({
        kind: 'steer-received',
        steerId: steer.steerId,
        text: steer.text,
        ...(steer.from ? { from: steer.from } : {}),
      });
      return;
    }
    case 'context-compacted': {
      const { summary, summarizedMessages, keptMessages, reason, contextWindow, tokensBefore, tokensAfter } =
        control.value;
      milestone({
        kind: 'context-compacted',
        summary,
        summarizedMessages,
        keptMessages,
        reason,
        contextWindow,
        tokensBefore,
        tokensAfter,
      });
      return;
    }
    case 'continued-as-new':
      milestone({ kind: 'continued-as-new', ...control.value });
      return;
    case 'usage': {
      const { outcome, promptTokens, completionTokens, totalTokens } = control.value;
      next.usage = addAttemptUsage(next.usage, { outcome, promptTokens, completionTokens, totalTokens });
      return;
    }
    case 'sub-agent-started':
    case 'sub-agent-finished':
      applySubAgentEvent(next, control, milestone);
      return;
    case 'live-text-moved':
      // Where followers read the attempt's text live: the reader's concern (`withLiveText`), not the view's.
      return;
    default:
      assertNever(control);
  }
}

/** The worker check of an interactive run: waiting for a worker, found, or timed out. */
function applyWorkerWait(
  next: RunViewDraft,
  value: ControlValue<'worker-wait'>,
  milestone: AddMilestone,
): void {
  const { state, taskQueue, elapsedMs, timeoutMs } = value;
  const kind =
    state === 'waiting' ? 'worker-waiting' : state === 'found' ? 'worker-found' : 'worker-timed-out';
  if (next.milestones.some((each) => each.kind === kind)) return; // local events are re-read on re-attach
  if (state === 'waiting') {
    next.phase = 'waiting-for-worker';
    next.workerWait = { taskQueue, elapsedMs, timeoutMs };
    milestone({ kind: 'worker-waiting', taskQueue, timeoutMs });
  } else if (state === 'found') {
    if (next.phase === 'waiting-for-worker') next.phase = 'submitted';
    next.workerWait = undefined;
    milestone({ kind: 'worker-found', taskQueue, elapsedMs });
  } else {
    next.workerWait = undefined;
    milestone({ kind: 'worker-timed-out', taskQueue, timeoutMs });
  }
}

/** A retried attempt: the older attempt's text (and its tool calls without a result) is dropped. */
function applyAttemptReset(
  next: RunViewDraft,
  value: ControlValue<'attempt-reset'>,
  milestone: AddMilestone,
): void {
  const { messageId, attempt, reason } = value;
  const replaced = next.messages.find((each) => each.messageId === messageId);
  if (replaced && replaced.attempt >= attempt) return; // an older reset, read late
  next.phase = 'retrying';
  next.currentAttempt = attempt;
  next.retryReason = reason;
  next.messages = upsertMessage(next.messages, { messageId, text: '', attempt });
  // The replaced attempt's tool calls that never got a result: the new attempt makes its own.
  next.toolCalls = next.toolCalls.filter((call) => call.messageId !== messageId || call.result !== undefined);
  milestone({ kind: 'attempt-reset', messageId, attempt, reason });
}

/** A decision on an approval: it leaves the pending list, and the run streams again when none is left. */
function applyApprovalResolved(
  next: RunViewDraft,
  value: ControlValue<'approval-resolved'>,
  milestone: AddMilestone,
): void {
  const { toolCallId, approved, reason, decidedBy, decider, decidedAt, alwaysAllow } = value;
  next.approvals = next.approvals.filter((each) => each.toolCallId !== toolCallId);
  if (next.phase === 'awaiting-approval' && next.approvals.length === 0) next.phase = 'streaming';
  milestone({
    kind: 'approval-resolved',
    toolCallId,
    approved,
    decidedBy,
    ...(reason ? { reason } : {}),
    ...(decider ? { decider } : {}),
    ...(decidedAt ? { decidedAt } : {}),
    ...(alwaysAllow ? { alwaysAllow } : {}),
  });
}

type ControlValue<Name extends ControlEvent['name']> = Extract<ControlEvent, { name: Name }>['value'];

/** An attempt's tokens go to the answer's own when it completed, else to failed attempts or to a Stop. */
function addAttemptUsage(
  usage: RunViewUsage,
  attempt: Omit<AttemptUsage, 'round' | 'attempt'>,
): RunViewUsage {
  const { outcome, promptTokens, completionTokens, totalTokens } = attempt;
  if (outcome === 'completed')
    return {
      ...usage,
      promptTokens: usage.promptTokens + promptTokens,
      completionTokens: usage.completionTokens + completionTokens,
      totalTokens: usage.totalTokens + totalTokens,
    };
  const failed = outcome === 'failed' ? totalTokens : 0;
  const stopped = outcome === 'cancelled' ? totalTokens : 0;
  return {
    ...usage,
    failedAttemptTokens: (usage.failedAttemptTokens ?? 0) + failed,
    stoppedTokens: (usage.stoppedTokens ?? 0) + stopped,
    wastedTokens: usage.wastedTokens + totalTokens,
  };
}
