import { assertNever } from '../common/errors';
import { type AgentEvent, asControlEvent, type ControlEvent, EventType } from '../common/events';
import {
  EMPTY_RUN_VIEW,
  type RunMilestone,
  type RunView,
  type RunViewMessage,
  type RunViewToolCall,
} from './run-view';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<RunView>;
type MilestoneBody = RunMilestone extends infer M ? (M extends RunMilestone ? Omit<M, 'seq'> : never) : never;

/**
 * The one fold of a run's events (AG-UI events plus our CUSTOM control events) into its view. Pure: the
 * same events give the same view. Log events at or below `lastSeq` are ignored, so replays and resumed
 * readers are safe; local events (`seq: -1`, the client's worker check) apply once.
 */
export function applyRunEvent(view: RunView, event: AgentEvent): RunView {
  if (event.seq >= 0 && event.seq <= view.lastSeq) return view;
  const next: Draft = { ...view, lastSeq: Math.max(view.lastSeq, event.seq) };
  const milestone = (body: MilestoneBody) => {
    next.milestones = [...next.milestones, { ...body, seq: event.seq } as RunMilestone];
  };
  const control = asControlEvent(event);
  if (control) {
    applyControl(next, control, milestone);
    return next;
  }
  switch (event.type) {
    case EventType.RUN_STARTED:
      next.workerWait = undefined;
      break;
    case EventType.TEXT_MESSAGE_START: {
      const attempt = event.attempt ?? 1;
      next.attempts += 1;
      next.currentAttempt = attempt;
      next.workerWait = undefined;
      if (attempt === 1 || next.phase !== 'retrying') next.phase = 'streaming';
      next.messages = upsertMessage(next.messages, { messageId: event.messageId, text: '', attempt });
      milestone({ kind: 'attempt-started', messageId: event.messageId, attempt });
      break;
    }
    case EventType.TEXT_MESSAGE_CONTENT: {
      const attempt = event.attempt ?? 1;
      const message = next.messages.find((each) => each.messageId === event.messageId);
      if (message && attempt < message.attempt) break; // a late batch of a replaced attempt
      const text = (message?.text ?? '') + event.delta;
      next.messages = upsertMessage(next.messages, { messageId: event.messageId, text, attempt });
      if (next.phase !== 'awaiting-approval') next.phase = 'streaming';
      break;
    }
    case EventType.TOOL_CALL_START:
      if (next.toolCalls.some((call) => call.id === event.toolCallId)) break;
      next.toolCalls = [
        ...next.toolCalls,
        {
          id: event.toolCallId,
          name: event.toolCallName,
          arguments: '',
          messageId: event.parentMessageId ?? event.messageId ?? '',
        },
      ];
      break;
    case EventType.TOOL_CALL_ARGS:
      next.toolCalls = updateCall(next.toolCalls, event.toolCallId, (call) => ({
        ...call,
        arguments: call.arguments + event.delta,
      }));
      break;
    case EventType.TOOL_CALL_END: {
      const call = next.toolCalls.find((each) => each.id === event.toolCallId);
      if (call)
        milestone({ kind: 'tool-called', toolCallId: call.id, name: call.name, arguments: call.arguments });
      break;
    }
    case EventType.TOOL_CALL_RESULT: {
      const content = typeof event.content === 'string' ? event.content : JSON.stringify(event.content);
      const call = next.toolCalls.find((each) => each.id === event.toolCallId);
      next.toolCalls = updateCall(next.toolCalls, event.toolCallId, (each) => ({ ...each, result: content }));
      milestone({ kind: 'tool-result', toolCallId: event.toolCallId, name: call?.name ?? '', content });
      break;
    }
    case EventType.RUN_FINISHED: {
      const status = (event.result as { status?: unknown } | undefined)?.status;
      next.phase = status === 'cancelled' ? 'cancelled' : 'completed';
      next.workerWait = undefined;
      next.approvals = [];
      milestone({ kind: 'finished', status: next.phase });
      break;
    }
    case EventType.RUN_ERROR: {
      if (next.phase === 'failed') break; // a local error repeated by a re-read
      next.phase = 'failed';
      next.error = { message: event.message, code: event.code ?? 'error' };
      next.workerWait = undefined;
      next.approvals = [];
      milestone({ kind: 'failed', error: next.error });
      break;
    }
    default:
      break;
  }
  return next;
}

function applyControl(next: Draft, control: ControlEvent, milestone: (body: MilestoneBody) => void): void {
  switch (control.name) {
    case 'worker-wait': {
      const { state, taskQueue, elapsedMs, timeoutMs } = control.value;
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
      return;
    }
    case 'attempt-reset': {
      const { messageId, attempt, reason } = control.value;
      next.phase = 'retrying';
      next.currentAttempt = attempt;
      next.retryReason = reason;
      next.messages = upsertMessage(next.messages, { messageId, text: '', attempt });
      // The replaced attempt's tool calls that never got a result: the new attempt makes its own.
      next.toolCalls = next.toolCalls.filter(
        (call) => call.messageId !== messageId || call.result !== undefined,
      );
      milestone({ kind: 'attempt-reset', messageId, attempt, reason });
      return;
    }
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
    case 'approval-resolved': {
      const { toolCallId, approved, reason, decidedBy } = control.value;
      next.approvals = next.approvals.filter((each) => each.toolCallId !== toolCallId);
      if (next.phase === 'awaiting-approval' && next.approvals.length === 0) next.phase = 'streaming';
      milestone({
        kind: 'approval-resolved',
        toolCallId,
        approved,
        decidedBy,
        ...(reason ? { reason } : {}),
      });
      return;
    }
    case 'usage': {
      const { outcome, promptTokens, completionTokens, totalTokens } = control.value;
      const { usage } = next;
      next.usage = {
        promptTokens: usage.promptTokens + promptTokens,
        completionTokens: usage.completionTokens + completionTokens,
        totalTokens: usage.totalTokens + totalTokens,
        wastedTokens: usage.wastedTokens + (outcome === 'completed' ? 0 : totalTokens),
      };
      return;
    }
    default:
      assertNever(control);
  }
}

/** Folds events into a view, from the empty view or a saved one. */
export function reduceRunEvents(events: Iterable<AgentEvent>, from: RunView = EMPTY_RUN_VIEW): RunView {
  let view = from;
  for (const event of events) view = applyRunEvent(view, event);
  return view;
}

function upsertMessage(messages: readonly RunViewMessage[], message: RunViewMessage): RunViewMessage[] {
  const index = messages.findIndex((each) => each.messageId === message.messageId);
  if (index < 0) return [...messages, message];
  return messages.map((each, position) => (position === index ? message : each));
}

function updateCall(
  calls: readonly RunViewToolCall[],
  id: string,
  change: (call: RunViewToolCall) => RunViewToolCall,
): readonly RunViewToolCall[] {
  return calls.some((call) => call.id === id)
    ? calls.map((call) => (call.id === id ? change(call) : call))
    : calls;
}
