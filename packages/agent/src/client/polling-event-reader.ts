import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import { decodePayloadWire } from '@temporalio/workflow-streams/workflow';
import { AgentError } from '../common/errors';
import {
  type AgentEvent,
  isTerminalEvent,
  type PublishedEvent,
  type RunContext,
  runEvents,
} from '../common/events';
import { EVENTS_TOPIC } from '../common/names';
import type { AgentRunOutput, AgentRunResult } from '../common/types';
import { MAX_READ_FAILURES } from './read-retries';
import { fetchRunOutcome } from './run-outcome';

const RESUBSCRIBE_DELAY_MS = 200;

/**
 * Reads the events of a run started before runs kept their events in history, from `fromSeq` until its
 * terminal event: live from the workflow's stream (an update per poll) while it runs, then from the log the
 * closed workflow returned. A run that timed out or was terminated ends with a RUN_ERROR the client makes
 * itself (`local: true`).
 */
export async function* readRunEventsByPolling(
  client: Client,
  handle: WorkflowHandle,
  context: { runId: string; threadId: string },
  fromSeq: number,
): AsyncGenerator<AgentEvent> {
  let offset = fromSeq;
  const streamClient = WorkflowStreamClient.create(client, handle.workflowId);
  for (let failures = 1; ; failures++) {
    let broken: unknown;
    try {
      for await (const item of streamClient.subscribe<PublishedEvent>([EVENTS_TOPIC], offset, {
        resultType: true,
        pollCooldown: '20 milliseconds',
      })) {
        offset = item.offset + 1;
        failures = 1;
        const event: AgentEvent = { ...item.data, seq: item.offset };
        yield event;
        if (isTerminalEvent(event)) return;
      }
    } catch (error) {
      // The stream broke (connection lost, the workflow closing under us): look at the run below.
      broken = error;
    }
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') {
      if (failures >= MAX_READ_FAILURES) {
        const reason = broken instanceof Error ? broken.message : 'the stream ended';
        throw new AgentError(
          'temporal-unreachable',
          `reading the events of ${handle.workflowId} failed ${failures} times in a row: ${reason}`,
          { cause: broken },
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(RESUBSCRIBE_DELAY_MS * 2 ** (failures - 1), 5000)),
      );
      continue;
    }
    const outcome = await fetchRunOutcome(handle);
    let ended = false;
    for (const event of outcome.output ? replayLog(outcome.output, offset) : []) {
      ended ||= isTerminalEvent(event);
      yield event;
    }
    // A run that timed out, was terminated, or whose log was too large to keep: end from its result.
    if (!ended) yield { ...terminalEvent(context, outcome.result, status.name), seq: -1, local: true };
    return;
  }
}

/** The terminal event of a run that closed without publishing one, made from how it ended. */
export function terminalEvent(context: RunContext, result: AgentRunResult, status: string): PublishedEvent {
  if (result.status === 'failed' || !['COMPLETED', 'FAILED'].includes(status)) {
    const error = result.error ?? { code: 'closed', message: `the run ended as ${status}` };
    return runEvents.error(context, error.message, error.code);
  }
  const { text, usage, attempts, rounds } = result;
  return runEvents.finished(context, { status: result.status, text, usage, attempts, rounds });
}

function* replayLog(output: AgentRunOutput, fromSeq: number): Generator<AgentEvent> {
  for (let index = Math.max(0, fromSeq - output.logBaseOffset); index < output.log.length; index++) {
    const entry = output.log[index]!;
    if (entry.topic !== EVENTS_TOPIC) continue;
    const data = defaultPayloadConverter.fromPayload<PublishedEvent>(decodePayloadWire(entry.data));
    yield { ...data, seq: output.logBaseOffset + index };
  }
}
