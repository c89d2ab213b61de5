import type { Client, WorkflowHandle } from '@temporalio/client';
import { AgentError } from '../common/errors';
import type { AgentEvent } from '../common/events';
import { readHistoryEvents } from './history-event-reader';
import { readRunEventsByPolling, terminalEvent } from './polling-event-reader';
import { ReadStopped, withReadRetries } from './read-retries';
import { fetchRunOutcome } from './run-outcome';

/** The readers of each client, so that closing its agent stops them (`stopReaders`). */
const readersOf = new WeakMap<Client, Set<AbortController>>();

/** Stops every reader of `client` at once, in the middle of a long poll too: its agent is closing. */
export function stopReaders(client: Client): void {
  for (const reader of readersOf.get(client) ?? []) reader.abort();
}

/**
 * Reads a run's events from `fromSeq` until its terminal event, from the run's history (runs started
 * before that was possible: by polling the workflow). A run that timed out or was terminated ends with a
 * RUN_ERROR the client makes itself (`local: true`). Reads that fail are retried a bounded number of times
 * with backoff (`withReadRetries`); then it throws, as it does when Temporal does not know the run or its
 * history is too large to read. When `signal` aborts or the client's agent is closed, it just ends. The
 * events before `fromSeq` that the history read passes over go to `onEarlier` (e.g. an attempt's start).
 */
export async function* readRunEvents(
  client: Client,
  handle: WorkflowHandle,
  context: { runId: string; threadId: string },
  fromSeq: number,
  callerSignal?: AbortSignal,
  onEarlier?: (event: AgentEvent) => void,
  untilNow = false,
): AsyncGenerator<AgentEvent> {
  const stop = new AbortController();
  const signal = callerSignal ? AbortSignal.any([callerSignal, stop.signal]) : stop.signal;
  const readers = readersOf.get(client) ?? new Set();
  readersOf.set(client, readers.add(stop));
  try {
    let nextSeq = fromSeq;
    const reading = readHistoryEvents(client, handle.workflowId, fromSeq, signal, onEarlier, untilNow);
    let end = await reading.next();
    for (; !end.done; end = await reading.next()) {
      nextSeq = end.value.seq + 1;
      yield end.value;
    }
    if (end.value === 'legacy') {
      for await (const event of readRunEventsByPolling(client, handle, context, nextSeq)) {
        if (signal?.aborted) return;
        yield event;
      }
      return;
    }
    if (end.value === 'closed') {
      const what = `how run ${handle.workflowId} ended`;
      const { status } = await withReadRetries(() => handle.describe(), what, signal);
      const { result } = await withReadRetries(() => fetchRunOutcome(handle), what, signal);
      yield { ...terminalEvent(context, result, status.name), seq: -1, local: true };
    }
  } catch (error) {
    if (error instanceof ReadStopped) return;
    // A refusal of the history read: the run's description says it in the client's words (not found…).
    if (!(error instanceof AgentError)) await handle.describe();
    throw error;
  } finally {
    readers.delete(stop);
  }
}
