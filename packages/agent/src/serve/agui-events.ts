import {
  type BaseEvent,
  EventType,
  type Interrupt,
  type Message,
  type RunFinishedOutcome,
} from '@ag-ui/core';
import { type AgentEvent, asControlEvent } from '../common/events';
import type { Usage } from '../common/types';
import type { FollowState } from '../runs/follow-options';
import { attemptMessageId, toolResultMessageId } from './message-ids';

/**
 * Clean AG-UI events for the wire: only the fields AG-UI defines (our `seq`, `attempt` and run context
 * travel in the SSE id or not at all), so a stock client's schema check strips and warns about nothing.
 */
export const agUi = {
  runStarted: (threadId: string, runId: string): BaseEvent =>
    ({ type: EventType.RUN_STARTED, threadId, runId }) as BaseEvent,
  runFinished: (
    threadId: string,
    runId: string,
    result: unknown,
    outcome: RunFinishedOutcome | undefined,
  ): BaseEvent =>
    ({
      type: EventType.RUN_FINISHED,
      threadId,
      runId,
      ...(result === undefined ? {} : { result }),
      ...(outcome ? { outcome } : {}),
      ...usageOf(result),
    }) as BaseEvent,
  interrupted: (threadId: string, runId: string, interrupts: Interrupt[]): BaseEvent =>
    ({
      type: EventType.RUN_FINISHED,
      threadId,
      runId,
      outcome: { type: 'interrupt', interrupts },
    }) as BaseEvent,
  /**
   * CUSTOM `follow-state`: what the stream waits for, as `FollowState` — while an attempt's worker is lost
   * and nobody supervises it, `{kind: 'worker-lost', message: 'waiting for Temporal to notice the lost
   * worker (heartbeat timeout 10 s) — 7 s left', …}` about every second; `{kind: 'live'}` once it moves.
   */
  followState: (state: FollowState): BaseEvent =>
    ({ type: EventType.CUSTOM, name: 'follow-state', value: state }) as BaseEvent,
  runError: (message: string, code: string | undefined): BaseEvent =>
    ({ type: EventType.RUN_ERROR, message, ...(code ? { code } : {}) }) as BaseEvent,
  messageContent: (messageId: string, delta: string): BaseEvent =>
    ({ type: EventType.TEXT_MESSAGE_CONTENT, messageId, delta }) as BaseEvent,
  messageEnd: (messageId: string): BaseEvent =>
    ({ type: EventType.TEXT_MESSAGE_END, messageId }) as BaseEvent,
  toolCallEnd: (toolCallId: string): BaseEvent =>
    ({ type: EventType.TOOL_CALL_END, toolCallId }) as BaseEvent,
  snapshot: (messages: Message[]): BaseEvent =>
    ({ type: EventType.MESSAGES_SNAPSHOT, messages }) as BaseEvent,
};

/** A message, tool-call or step event of ours as its AG-UI event (message ids per attempt); undefined for others. */
export function streamEvent(event: AgentEvent): BaseEvent | undefined {
  const attempt = event.attempt ?? 1;
  switch (event.type) {
    case EventType.TEXT_MESSAGE_START:
      // Which worker runs this attempt, in AG-UI's `metadata` (stock clients keep it, also on the message).
      return {
        type: event.type,
        messageId: attemptMessageId(event.messageId, attempt),
        role: 'assistant',
        ...(event.worker ? { metadata: { worker: event.worker } } : {}),
      } as BaseEvent;
    case EventType.TEXT_MESSAGE_CONTENT:
      return {
        type: event.type,
        messageId: attemptMessageId(event.messageId, attempt),
        delta: event.delta,
      } as BaseEvent;
    case EventType.TEXT_MESSAGE_END:
      return agUi.messageEnd(attemptMessageId(event.messageId, attempt));
    case EventType.TOOL_CALL_START:
      return {
        type: event.type,
        toolCallId: event.toolCallId,
        toolCallName: event.toolCallName,
        parentMessageId: attemptMessageId(event.parentMessageId ?? event.messageId ?? '', attempt),
      } as BaseEvent;
    case EventType.TOOL_CALL_ARGS:
      return { type: event.type, toolCallId: event.toolCallId, delta: event.delta } as BaseEvent;
    case EventType.TOOL_CALL_END:
      return agUi.toolCallEnd(event.toolCallId);
    case EventType.TOOL_CALL_RESULT:
      return {
        type: event.type,
        messageId: toolResultMessageId(event.messageId, event.toolCallId),
        toolCallId: event.toolCallId,
        content: event.content,
        role: 'tool',
      } as BaseEvent;
    case EventType.STEP_STARTED:
    case EventType.STEP_FINISHED:
      return { type: event.type, stepName: event.stepName } as BaseEvent;
    default:
      return undefined;
  }
}

/** Our CUSTOM control event with only the AG-UI fields; undefined for any other event. */
export function customEvent(event: AgentEvent): BaseEvent | undefined {
  const control = asControlEvent(event);
  return control
    ? ({ type: EventType.CUSTOM, name: control.name, value: control.value } as BaseEvent)
    : undefined;
}

/** RUN_FINISHED's `usage` (AG-UI TokenUsage) from our result summary's usage. */
function usageOf(result: unknown): {
  usage?: { inputTokens: number; outputTokens: number; totalTokens: number }[];
} {
  const usage = (result as { usage?: Usage } | undefined)?.usage;
  if (!usage) return {};
  return {
    usage: [
      {
        inputTokens: usage.promptTokens,
        outputTokens: usage.completionTokens,
        totalTokens: usage.totalTokens,
      },
    ],
  };
}
