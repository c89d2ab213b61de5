import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/*
 * A run that continued as new is a chain of Temporal runs under one workflow id (see the workflow's
 * `continueWhenLong`): its event log starts in the first and goes on in each next one. Readers start at
 * the first and follow the chain.
 */

/**
 * The first Temporal run of the chain, when `event` (the first of a history) starts a later one; undefined
 * for a history that is the chain's start.
 */
export function firstRunOfChain(event: HistoryEvent | undefined): string | undefined {
  const started = event?.workflowExecutionStartedEventAttributes;
  if (!started?.continuedExecutionRunId) return undefined;
  return started.firstExecutionRunId || undefined;
}

/** The next Temporal run of the chain, when `event` ends one by continuing as new. */
export function continuedAs(event: HistoryEvent | undefined): string | undefined {
  return event?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId || undefined;
}
