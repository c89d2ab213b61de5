/**
 * The run's events as plain objects, built without validating: for workflow code, which evaluates its
 * modules again for every run it starts — importing the AG-UI and zod schemas there cost a few
 * milliseconds of the worker's single workflow thread per run. `events.ts` wraps these with validation
 * for everyone else, and its tests check that every builder makes valid AG-UI events.
 * Workflow-safe: no Node built-ins, no I/O, no runtime imports.
 */
import type { Event as AgUiEvent, CustomEvent, EventType } from '@ag-ui/core';
import type { ControlEvent, ControlEventOf } from './control-events';

/** Fields we add to every event: `seq` (offset in the run's log) is set when the event is read. */
export interface RunContext {
  readonly runId: string;
  readonly threadId: string;
}

/**
 * Where followers read an attempt's text live, as the model writes it (see `live/`): the worker's
 * capability URL for that attempt, and the worker's identity.
 */
export interface LiveTextAddress {
  readonly url: string;
  readonly worker: string;
}

/**
 * An event as published into the run's log (before it has a `seq`). A TEXT_MESSAGE_CONTENT carries
 * `offset`, where its delta starts in its attempt's text (UTF-16 code units, as `string.length` counts);
 * a TEXT_MESSAGE_START may carry `liveText`, where that attempt's text can be read live.
 */
export type PublishedEvent = AgUiEvent &
  RunContext & {
    readonly messageId?: string;
    readonly attempt?: number;
    readonly offset?: number;
    readonly liveText?: LiveTextAddress;
    /** On an attempt's TEXT_MESSAGE_START: the identity of the worker that runs the attempt. */
    readonly worker?: string;
  };

/** An AG-UI event type, spelled as its wire value (the enum itself lives with the schemas). */
const type = <T extends EventType>(name: `${T}`) => name as T;

/** Builds a CUSTOM event (see `ControlEventSchema` for ours). */
export function customEvent(context: RunContext, name: string, value: unknown): PublishedEvent {
  return { type: type<EventType.CUSTOM>('CUSTOM'), name, value, ...context } as CustomEvent & RunContext;
}

export const runEventBuilders = {
  started: (context: RunContext) => ({ type: type<EventType.RUN_STARTED>('RUN_STARTED'), ...context }),
  finished: (context: RunContext, result: unknown) => ({
    type: type<EventType.RUN_FINISHED>('RUN_FINISHED'),
    result,
    ...context,
  }),
  error: (context: RunContext, message: string, code: string) => ({
    type: type<EventType.RUN_ERROR>('RUN_ERROR'),
    message,
    code,
    ...context,
  }),
};

export const messageEventBuilders = {
  start: (
    context: RunContext,
    messageId: string,
    attempt: number,
    liveText?: LiveTextAddress,
    worker?: string,
  ) => ({
    type: type<EventType.TEXT_MESSAGE_START>('TEXT_MESSAGE_START'),
    role: 'assistant' as const,
    messageId,
    attempt,
    ...(liveText ? { liveText } : {}),
    ...(worker ? { worker } : {}),
    ...context,
  }),
  content: (context: RunContext, messageId: string, attempt: number, delta: string, offset?: number) => ({
    type: type<EventType.TEXT_MESSAGE_CONTENT>('TEXT_MESSAGE_CONTENT'),
    messageId,
    delta,
    attempt,
    ...(offset === undefined ? {} : { offset }),
    ...context,
  }),
  end: (context: RunContext, messageId: string, attempt: number) => ({
    type: type<EventType.TEXT_MESSAGE_END>('TEXT_MESSAGE_END'),
    messageId,
    attempt,
    ...context,
  }),
};

export const toolEventBuilders = {
  start: (
    context: RunContext,
    messageId: string,
    attempt: number,
    toolCallId: string,
    toolCallName: string,
  ) => ({
    type: type<EventType.TOOL_CALL_START>('TOOL_CALL_START'),
    toolCallId,
    toolCallName,
    parentMessageId: messageId,
    messageId,
    attempt,
    ...context,
  }),
  args: (context: RunContext, messageId: string, attempt: number, toolCallId: string, delta: string) => ({
    type: type<EventType.TOOL_CALL_ARGS>('TOOL_CALL_ARGS'),
    toolCallId,
    delta,
    messageId,
    attempt,
    ...context,
  }),
  end: (context: RunContext, messageId: string, attempt: number, toolCallId: string) => ({
    type: type<EventType.TOOL_CALL_END>('TOOL_CALL_END'),
    toolCallId,
    messageId,
    attempt,
    ...context,
  }),
  result: (context: RunContext, messageId: string, toolCallId: string, content: string) => ({
    type: type<EventType.TOOL_CALL_RESULT>('TOOL_CALL_RESULT'),
    messageId,
    toolCallId,
    content,
    role: 'tool' as const,
    ...context,
  }),
};

/** What a sub-agent step event names besides the parent's run: the call and the child's run. */
export interface SubAgentStep {
  readonly toolCallId: string;
  readonly childRunId: string;
  readonly childWorkflowId: string;
}

export const stepEventBuilders = {
  started: (context: RunContext, stepName: string, child: SubAgentStep) => ({
    type: type<EventType.STEP_STARTED>('STEP_STARTED'),
    stepName,
    ...child,
    ...context,
  }),
  finished: (context: RunContext, stepName: string, child: SubAgentStep) => ({
    type: type<EventType.STEP_FINISHED>('STEP_FINISHED'),
    stepName,
    ...child,
    ...context,
  }),
};

/** Builds one of our CUSTOM control events (`events.ts` has the validating `controlEvent`). */
export function buildControlEvent<N extends ControlEvent['name']>(
  context: RunContext,
  name: N,
  value: ControlEventOf<N>['value'],
): PublishedEvent {
  return customEvent(context, name, value);
}
