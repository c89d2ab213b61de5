import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import type { AgentEvent } from '../common/events';
import { FailureType } from '../common/names';
import { emptyRunResult, withRunCounts } from '../common/run-usage';
import type { AgentRunOutput, AgentRunResult } from '../common/types';
import { withTextsFromEvents } from '../runs/texts-from-events';
import { readHistoryEvents } from './history-event-reader';

/** The message of a run that no worker finished before its deadline (the seed's wording). */
export const DEADLINE_EXCEEDED = 'deadline exceeded: no worker resumed the workflow within the timeout';

/** The error of an interactive run that no worker picked up: `no worker available: timed out waiting for workers on task queue "<q>"`. */
export function noWorkerMessage(taskQueue: string): string {
  return `no worker available: timed out waiting for workers on task queue "${taskQueue}"`;
}

export interface RunOutcome {
  readonly result: AgentRunResult;
  /** Present when the workflow itself finished (not timed out or terminated): carries the event log. */
  readonly output?: AgentRunOutput;
}

/**
 * Waits for the run's workflow to close and reads how it ended; the long texts its result leaves out are
 * read from the run's history (its events hold them, see `TextInEvents`).
 */
export async function fetchRunOutcome(handle: WorkflowHandle): Promise<RunOutcome> {
  try {
    const output = (await handle.result()) as AgentRunOutput;
    return { result: await wholeResult(handle, output.result), output };
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type === FailureType.runFailed && cause.details?.[0]) {
      const output = cause.details[0] as AgentRunOutput;
      return { result: await wholeResult(handle, output.result), output };
    }
    if (cause instanceof TimeoutFailure)
      return { result: emptyRunResult('failed', { code: 'deadline-exceeded', message: DEADLINE_EXCEEDED }) };
    if (cause instanceof TerminatedFailure) {
      const code = cause.message.startsWith('no worker available') ? 'no-worker' : 'terminated';
      return { result: emptyRunResult('failed', { code, message: cause.message }) };
    }
    if (cause instanceof CancelledFailure) return { result: emptyRunResult('cancelled') };
    return {
      result: emptyRunResult('failed', { code: 'workflow-failed', message: cause?.message ?? error.message }),
    };
  }
}

/** The recorded result with its counts, and the texts it left out read from the run's events. */
async function wholeResult(handle: WorkflowHandle, recorded: AgentRunResult): Promise<AgentRunResult> {
  const result = withRunCounts(recorded);
  if (!result.textsInEvents?.length) return result;
  const events: AgentEvent[] = [];
  for await (const event of readHistoryEvents(handle.client, handle.workflowId, 0)) events.push(event);
  return withTextsFromEvents(result, events);
}
