import { type AgentEvent, isTerminalEvent } from '../common/events';
import { type HistoryClient, HistoryPages } from './history-pages';
import { withReadRetries } from './read-retries';
import { firstRunOfChain } from './run-chain';
import { RunHistoryLog } from './run-history-log';

/** How reading a run's history ended. */
export type HistoryReadEnd =
  /** The run's terminal event was read. */
  | 'terminal-event'
  /** The run closed without one (timed out, terminated, or failed outside the workflow's control). */
  | 'closed'
  /** The run predates events in history: read it by polling. */
  | 'legacy'
  /** Asked for the events logged so far only (`untilNow`): they have all been read. */
  | 'now';

/**
 * A run's events from `fromSeq` to its terminal event, read from its Temporal history: the pages there
 * are, then long polls that return as soon as the history grows. Only the Temporal service is asked — not
 * the worker, and nothing is written — so any number of readers cost the run nothing. A page that fails
 * is asked for again, from where the reading was (the history is not downloaded again), a bounded number
 * of times (`withReadRetries`); `signal` stops the reading, also in the middle of a long poll. The events
 * before `fromSeq` (read anyway: the history is read from its start) go to `onEarlier`. With `untilNow`
 * the reading ends at the history's current end instead of waiting for it to grow (a snapshot). A run
 * that continued as new is read from the first Temporal run of its chain to the last (`run-chain.ts`).
 */
export async function* readHistoryEvents(
  client: HistoryClient,
  workflowId: string,
  fromSeq: number,
  signal?: AbortSignal,
  onEarlier?: (event: AgentEvent) => void,
  untilNow = false,
): AsyncGenerator<AgentEvent, HistoryReadEnd> {
  const log = new RunHistoryLog();
  const pages = new HistoryPages(client, workflowId);
  let nextPageToken: Uint8Array | undefined;
  const readPage = (pageToken: Uint8Array | undefined) => () =>
    pages.read(pageToken, { wait: !untilNow, signal });
  for (;;) {
    const page = await withReadRetries(readPage(nextPageToken), `the history of ${workflowId}`, signal);
    const events = page.history?.events ?? [];
    const first = log.next === 0 && !nextPageToken ? firstRunOfChain(events[0]) : undefined;
    if (first !== undefined) {
      pages.followRun(first);
      continue;
    }
    let continued = false;
    for (const event of events) {
      for (const item of log.add(event)) {
        if (item.seq < fromSeq) {
          onEarlier?.(item);
          continue;
        }
        yield item;
        if (isTerminalEvent(item)) return 'terminal-event';
      }
      if (log.mode === 'legacy') return 'legacy';
      if (log.continuedIn !== undefined) {
        // The last event of this Temporal run: the log goes on in the next one, from its first page.
        pages.followRun(log.continuedIn);
        log.continuedIn = undefined;
        continued = true;
        break;
      }
    }
    if (log.closed) return 'closed';
    nextPageToken = page.nextPageToken?.length && !continued ? page.nextPageToken : undefined;
    if (continued) continue;
    if (!nextPageToken && untilNow) return 'now';
    if (!nextPageToken) throw new Error(`the history of ${workflowId} ended without its close event`);
  }
}
