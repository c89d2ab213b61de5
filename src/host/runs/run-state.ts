import { type AgentEvent, asControlEvent, EventType, formatDuration } from 'durable-agent';
import { assertNever } from '../../shared/assert-never';
import type { PendingApproval, RunStatus, UsageTotals, WorkerWait } from '../../shared/models';
import type { NewTimelineEntry } from '../history/timeline-table';

/** What the host tracks of a run while it goes (saved as the run's progress). */
export interface RunState {
  readonly status: RunStatus;
  readonly attempts: number;
  readonly currentAttempt: number;
  readonly usage: UsageTotals;
  readonly lastSeq: number;
  readonly streamMessageId?: string;
  readonly workerWait?: WorkerWait;
  readonly retryReason?: string;
}

export type TimelineDraft = Omit<NewTimelineEntry, 'runId' | 'at'>;

/** What one event changes besides the state. */
export interface RunEventEffect {
  readonly timeline: readonly TimelineDraft[];
  readonly approvalAsked?: Omit<PendingApproval, 'runId' | 'conversationId'>;
  readonly approvalAnswered?: string;
  /** A model call attempt began (the follower names the worker running it in the timeline). */
  readonly attemptStarted?: number;
  /** Worth saving at once (not only at the next bounded-rate save). */
  readonly important: boolean;
}

export interface RunEventContext {
  readonly now: Date;
}

/** Folds one event into the run's state: status, attempts, usage, timeline entries, approvals. */
export function applyRunEvent(
  state: RunState,
  event: AgentEvent,
  context: RunEventContext,
): { state: RunState; effect: RunEventEffect } {
  const next = { ...state, lastSeq: Math.max(state.lastSeq, event.seq) } as {
    -readonly [K in keyof RunState]: RunState[K];
  };
  const timeline: TimelineDraft[] = [];
  let effect: Omit<RunEventEffect, 'timeline'> = { important: false };
  const control = asControlEvent(event);
  if (control) {
    effect = { important: true };
    switch (control.name) {
      case 'worker-wait': {
        const { state: wait, taskQueue, elapsedMs, timeoutMs } = control.value;
        if (wait === 'waiting') {
          next.status = 'waiting-for-worker';
          next.workerWait = {
            taskQueue,
            timeoutMs,
            since: new Date(context.now.getTime() - elapsedMs).toISOString(),
          };
          timeline.push({
            kind: 'worker-check',
            detail: `waiting for a worker on task queue "${taskQueue}" (up to ${formatDuration(timeoutMs)})`,
          });
        } else if (wait === 'found') {
          next.status = 'submitted';
          next.workerWait = undefined;
          timeline.push({
            kind: 'worker-found',
            detail: `a worker on task queue "${taskQueue}" picked the run up after ${formatDuration(elapsedMs)}`,
          });
        } else {
          next.workerWait = undefined;
          timeline.push({
            kind: 'worker-check',
            detail: `no worker polled task queue "${taskQueue}" within ${formatDuration(timeoutMs)}`,
          });
        }
        break;
      }
      case 'attempt-reset':
        next.status = 'retrying';
        next.currentAttempt = control.value.attempt;
        next.retryReason = control.value.reason;
        timeline.push({
          kind: 'attempt-reset',
          attempt: control.value.attempt,
          detail: `attempt ${control.value.attempt} replaces attempt ${control.value.attempt - 1} (${control.value.reason}); its partial text was dropped`,
        });
        break;
      case 'approval-request': {
        const { toolCallId, toolName, arguments: args, requestedAt, expiresAt } = control.value;
        next.status = 'awaiting-approval';
        effect = {
          important: true,
          approvalAsked: { toolCallId, toolName, arguments: args, requestedAt, expiresAt },
        };
        timeline.push({ kind: 'approval-asked', detail: `${toolName}(${args}) waits for approval` });
        break;
      }
      case 'approval-resolved': {
        const { toolCallId, approved, reason, decidedBy } = control.value;
        if (next.status === 'awaiting-approval') next.status = 'streaming';
        effect = { important: true, approvalAnswered: toolCallId };
        const verdict =
          decidedBy === 'timeout' ? 'expired' : `${approved ? 'approved' : 'rejected'} (${decidedBy})`;
        timeline.push({
          kind: 'approval-answered',
          detail: `tool call ${verdict}${reason ? `: ${reason}` : ''}`,
        });
        break;
      }
      case 'usage': {
        const { outcome, promptTokens, completionTokens, totalTokens } = control.value;
        next.usage = {
          promptTokens: state.usage.promptTokens + promptTokens,
          completionTokens: state.usage.completionTokens + completionTokens,
          totalTokens: state.usage.totalTokens + totalTokens,
          wastedTokens: state.usage.wastedTokens + (outcome === 'completed' ? 0 : totalTokens),
        };
        break;
      }
      default:
        assertNever(control);
    }
    return { state: next, effect: { ...effect, timeline } };
  }
  switch (event.type) {
    case EventType.TEXT_MESSAGE_START: {
      const attempt = event.attempt ?? 1;
      next.attempts = state.attempts + 1;
      next.currentAttempt = attempt;
      next.streamMessageId = event.messageId;
      next.workerWait = undefined;
      if (attempt === 1) next.status = 'streaming';
      effect = { important: true, attemptStarted: attempt };
      break;
    }
    case EventType.TEXT_MESSAGE_CONTENT:
      if (next.status !== 'awaiting-approval') next.status = 'streaming';
      next.streamMessageId = event.messageId;
      break;
    case EventType.RUN_STARTED:
      next.workerWait = undefined;
      break;
    default:
      break;
  }
  return { state: next, effect: { ...effect, timeline } };
}
