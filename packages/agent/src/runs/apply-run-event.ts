import { type AgentEvent, asControlEvent, EventType, isTerminalEvent } from '../common/events';
import { applyControlEvent } from './apply-control-event';
import { joinMessageText } from './join-message-text';
import { EMPTY_RUN_VIEW, isFinished, type RunMilestone, type RunView } from './run-view';
import {
  type AddMilestone,
  type MilestoneBody,
  type RunViewDraft,
  updateCall,
  upsertMessage,
} from './run-view-draft';

/**
 * The one fold of a run's events (AG-UI events plus our CUSTOM control events) into its view. Pure: the
 * same events give the same view. Log events at or below `lastSeq` are ignored, so replays and resumed
 * readers are safe; local events (`seq: -1`, the client's worker check and the ending it makes itself)
 * apply once. Text and tool-call events of an attempt that a later one replaced are ignored. Text joins
 * by offset (`joinMessageText`): live text (`live: true`, read from the worker) only ever adds to the
 * current attempt's text and never moves `lastSeq`, so a reader resumes from the log exactly.
 */
export function applyRunEvent(view: RunView, event: AgentEvent): RunView {
  if (event.live) return applyLiveText(view, event);
  if (event.seq >= 0 && event.seq <= view.lastSeq) return view;
  if (isTerminalEvent(event) && isFinished(view)) return view; // a local ending read again
  const next: RunViewDraft = { ...view, lastSeq: Math.max(view.lastSeq, event.seq) };
  const milestone = (body: MilestoneBody) => {
    next.milestones = [...next.milestones, { ...body, seq: event.seq } as RunMilestone];
  };
  const control = asControlEvent(event);
  if (control) {
    applyControlEvent(next, control, milestone);
    return next;
  }
  if (isReplaced(view, event)) return next;
  switch (event.type) {
    case EventType.RUN_STARTED:
      if (next.phase === 'waiting-for-worker') next.phase = 'submitted';
      next.workerWait = undefined;
      break;
    case EventType.TEXT_MESSAGE_START:
      applyAttemptStart(next, event, milestone);
      break;
    case EventType.TEXT_MESSAGE_CONTENT: {
      const attempt = event.attempt ?? 1;
      const message = next.messages.find((each) => each.messageId === event.messageId);
      const text = joinMessageText(message?.text ?? '', event);
      next.messages = upsertMessage(next.messages, { messageId: event.messageId, text, attempt });
      if (next.phase !== 'awaiting-approval') next.phase = 'streaming';
      break;
    }
    case EventType.TOOL_CALL_START:
      applyToolCallStart(next, event);
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
      next.phase = status === 'cancelled' || status === 'budget-exhausted' ? status : 'completed';
      next.workerWait = undefined;
      next.approvals = [];
      milestone({ kind: 'finished', status: next.phase });
      break;
    }
    case EventType.RUN_ERROR:
      next.phase = 'failed';
      next.error = { message: event.message, code: event.code ?? 'error' };
      next.workerWait = undefined;
      next.approvals = [];
      milestone({ kind: 'failed', error: next.error });
      break;
    default:
      break;
  }
  return next;
}

/** Live text: joined into its message only while that message shows the same attempt. */
function applyLiveText(view: RunView, event: AgentEvent): RunView {
  if (event.type !== EventType.TEXT_MESSAGE_CONTENT || isFinished(view)) return view;
  const message = view.messages.find((each) => each.messageId === event.messageId);
  if (!message || message.attempt !== (event.attempt ?? 1)) return view;
  const text = joinMessageText(message.text, event);
  if (text === message.text) return view;
  const phase = view.phase === 'retrying' || view.phase === 'submitted' ? 'streaming' : view.phase;
  return { ...view, phase, messages: upsertMessage(view.messages, { ...message, text }) };
}

/** Folds events into a view, from the empty view or a saved one. */
export function reduceRunEvents(events: Iterable<AgentEvent>, from: RunView = EMPTY_RUN_VIEW): RunView {
  let view = from;
  for (const event of events) view = applyRunEvent(view, event);
  return view;
}

/** True for a message or tool-call event of an attempt that a later attempt of its message replaced. */
function isReplaced(view: RunView, event: AgentEvent): boolean {
  if (event.attempt === undefined || event.messageId === undefined) return false;
  const message = view.messages.find((each) => each.messageId === event.messageId);
  return message !== undefined && event.attempt < message.attempt;
}

/** An attempt's first event: a new message (or a retry of one), and which worker runs it. */
function applyAttemptStart(
  next: RunViewDraft,
  event: Extract<AgentEvent, { type: EventType.TEXT_MESSAGE_START }>,
  milestone: AddMilestone,
): void {
  const attempt = event.attempt ?? 1;
  next.attempts += 1;
  next.currentAttempt = attempt;
  next.workerWait = undefined;
  if (attempt === 1 || next.phase !== 'retrying') next.phase = 'streaming';
  next.messages = upsertMessage(next.messages, { messageId: event.messageId, text: '', attempt });
  // One message per model call; its attempt says how many tries the call took so far.
  next.modelCalls = next.messages.length;
  next.retries = next.messages.reduce((sum, message) => sum + message.attempt - 1, 0);
  // Which worker runs the attempt: the attempt's first event names it (older runs: its live address).
  const worker = event.worker ?? event.liveText?.worker;
  milestone({
    kind: 'attempt-started',
    messageId: event.messageId,
    attempt,
    ...(worker ? { worker } : {}),
  });
}

/** A tool call the model starts (once, however often its start is read). */
function applyToolCallStart(
  next: RunViewDraft,
  event: Extract<AgentEvent, { type: EventType.TOOL_CALL_START }>,
): void {
  if (next.phase === 'retrying') next.phase = 'streaming';
  if (next.toolCalls.some((call) => call.id === event.toolCallId)) return;
  next.toolCalls = [
    ...next.toolCalls,
    {
      id: event.toolCallId,
      name: event.toolCallName,
      arguments: '',
      messageId: event.parentMessageId ?? event.messageId ?? '',
    },
  ];
}
