/**
 * The run's events: AG-UI 1.0 events (types and schemas from @ag-ui/core) plus our control events as
 * CUSTOM events with stable kebab-case names. Factories validate what they build (workflow code uses the
 * same builders unvalidated, from `event-builders.ts`).
 * Workflow-safe: no Node built-ins, no I/O.
 */
import { EventType } from '@ag-ui/core';
import { EventSchemas } from '@ag-ui/core/schemas';
import { type ControlEvent, type ControlEventOf, ControlEventSchema } from './control-events';
import {
  customEvent,
  type LiveTextAddress,
  messageEventBuilders,
  type PublishedEvent,
  type RunContext,
  runEventBuilders,
  type SubAgentStep,
  stepEventBuilders,
  toolEventBuilders,
} from './event-builders';

export {
  budgetSpendSchema,
  type ControlEvent,
  ControlEventName,
  type ControlEventOf,
  ControlEventSchema,
} from './control-events';
export type { LiveTextAddress, PublishedEvent, RunContext, SubAgentStep };
export { EventType };

/**
 * An event as a reader sees it. `seq` is its offset in the run's log. Events the client makes itself
 * (worker-check progress, the error of a run that timed out or was terminated) carry `local: true` and
 * `seq: -1`: they are not in the log. Text read live from the worker (TEXT_MESSAGE_CONTENT with
 * `offset`) carries `live: true` and the seq of the last log event read before it: it is not in the log
 * either, and the log's own content events repeat it (fold with `applyRunEvent`, which joins both).
 */
export type AgentEvent = PublishedEvent & {
  readonly seq: number;
  readonly local?: true;
  readonly live?: true;
};

function validated<E extends PublishedEvent>(event: E): E {
  const parsed = EventSchemas.safeParse(event);
  if (!parsed.success) {
    throw new TypeError(
      `invalid ${event.type} event: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  // AG-UI's `timestamp`: when the event was made (workflow time in the workflow, so replays agree), the
  // pace at which an exported run plays back.
  return event.timestamp === undefined ? { ...event, timestamp: Date.now() } : event;
}

/** Builds a CUSTOM control event, validating its value. */
export function controlEvent<N extends ControlEvent['name']>(
  context: RunContext,
  name: N,
  value: ControlEventOf<N>['value'],
): PublishedEvent {
  ControlEventSchema.parse({ name, value });
  return validated(customEvent(context, name, value));
}

/** The builders of `builders`, each validating the event it builds. */
function validating<B extends Record<string, (...args: never[]) => PublishedEvent>>(builders: B): B {
  return Object.fromEntries(
    Object.entries(builders).map(([name, build]) => [
      name,
      (...args: Parameters<typeof build>) => validated(build(...args)),
    ]),
  ) as B;
}

/** Reads a CUSTOM event as one of ours; undefined for any other event. */
export function asControlEvent(event: {
  type: string;
  name?: unknown;
  value?: unknown;
}): ControlEvent | undefined {
  if (event.type !== EventType.CUSTOM) return undefined;
  const parsed = ControlEventSchema.safeParse({ name: event.name, value: event.value });
  return parsed.success ? parsed.data : undefined;
}

export const runEvents = validating(runEventBuilders);
export const messageEvents = validating(messageEventBuilders);
export const toolEvents = validating(toolEventBuilders);

/** True for the events that end a run's stream. */
export function isTerminalEvent(event: { type: string }): boolean {
  return event.type === EventType.RUN_FINISHED || event.type === EventType.RUN_ERROR;
}

/**
 * AG-UI step events that frame a sub-agent's run in its parent's stream (`stepName` is
 * `sub-agent:<name>`), for clients that know only standard events; our CUSTOM sub-agent events carry
 * the details.
 */
export const stepEvents = validating(stepEventBuilders);
