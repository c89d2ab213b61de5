import type { Client, WorkflowHandle } from '@temporalio/client';
import type { AgentEvent } from '../common/events';
import { readHistoryEvents } from './history-event-reader';
import { readRunEventsByPolling, terminalEvent } from './polling-event-reader';
import { fetchRunOutcome } from './run-outcome';

const RETRY_DELAY_MS = 200;

/**
 * Reads a run's events from `fromSeq` until its terminal event, from the run's history (runs started
 * before that was possible: by polling the workflow). A run that timed out or was terminated ends with a
 * RUN_ERROR the client makes itself (`local: true`). Throws when Temporal cannot be reached or does not
 * know the run.
 */
export async function* readRunEvents(
  client: Client,
  handle: WorkflowHandle,
  context: { runId: string; threadId: string },
  fromSeq: number,
): AsyncGenerator<AgentEvent> {
  let nextSeq = fromSeq;
  for (;;) {
    let end: Awaited<ReturnType<ReturnType<typeof readHistoryEvents>['next']>>;
    try {
      const reading = readHistoryEvents(client, handle.workflowId, nextSeq);
      for (end = await reading.next(); !end.done; end = await reading.next()) {
        nextSeq = end.value.seq + 1;
        yield end.value;
      }
    } catch {
      // The long poll broke (connection lost, Temporal restarting): ask how the run is, then read on.
      await handle.describe();
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      continue;
    }
    if (end.value === 'legacy') {
      yield* readRunEventsByPolling(client, handle, context, nextSeq);
      return;
    }
    if (end.value === 'closed') {
      const { status } = await handle.describe();
      const { result } = await fetchRunOutcome(handle);
      yield { ...terminalEvent(context, result, status.name), seq: -1, local: true };
    }
    return;
  }
}
