import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { continuedAs, firstRunOfChain } from './run-chain';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** What reading a history needs of a client (an `Agent`'s `Client`, or a workflow handle's client). */
export type HistoryClient = Pick<Client, 'workflowService' | 'withAbortSignal'> & {
  readonly options: { readonly namespace: string };
};

/** Events per page once the server's default page was larger than a gRPC message may be (then 1/4 each time). */
const SMALLER_PAGE_EVENTS = 64;

/**
 * Reads a workflow's history page by page. A page larger than a gRPC message may carry (4 MB: a long
 * answer's batches) is asked for again in fewer events, as often as needed, down to one event a page.
 */
export class HistoryPages {
  /** Events per page: the server's default until a page was too large. */
  private pageSize: number | undefined;

  /** `runId`: one Temporal run of the workflow (absent: its latest), see `followRun`. */
  constructor(
    private readonly client: HistoryClient,
    private readonly workflowId: string,
    private runId?: string,
  ) {}

  /** Reads another Temporal run of the workflow from now on (the next of a continue-as-new chain). */
  followRun(runId: string): void {
    this.runId = runId;
  }

  /** The page at `pageToken`; with `wait`, a long poll that returns once the history grows. */
  async read(
    pageToken: Uint8Array | undefined,
    options: { readonly wait: boolean; readonly signal?: AbortSignal },
  ): Promise<temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse> {
    const { client } = this;
    const request = () =>
      client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId: this.workflowId, ...(this.runId ? { runId: this.runId } : {}) },
        nextPageToken: pageToken,
        maximumPageSize: this.pageSize,
        waitNewEvent: options.wait,
        skipArchival: true,
      });
    for (;;) {
      try {
        return await (options.signal ? client.withAbortSignal(options.signal, request) : request());
      } catch (error) {
        if (!isTooLarge(error) || this.pageSize === 1) throw error;
        this.pageSize =
          this.pageSize === undefined ? SMALLER_PAGE_EVENTS : Math.max(1, Math.floor(this.pageSize / 4));
      }
    }
  }
}

/**
 * A closed workflow's whole history (every page), across a continue-as-new chain: the histories of its
 * Temporal runs one after the other, from the first.
 */
export async function readWholeHistory(client: HistoryClient, workflowId: string): Promise<HistoryEvent[]> {
  const pages = new HistoryPages(client, workflowId);
  const events: HistoryEvent[] = [];
  let pageToken: Uint8Array | undefined;
  for (;;) {
    const page = await pages.read(pageToken, { wait: false });
    const read = page.history?.events ?? [];
    const first = events.length === 0 && !pageToken ? firstRunOfChain(read[0]) : undefined;
    if (first !== undefined) {
      pages.followRun(first);
      continue;
    }
    events.push(...read);
    pageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    if (pageToken) continue;
    const next = continuedAs(events.at(-1));
    if (next === undefined) return events;
    pages.followRun(next);
  }
}

/** grpc-js refused Temporal's answer for its size (`RESOURCE_EXHAUSTED: … larger than max`). */
function isTooLarge(error: unknown): boolean {
  return error instanceof Error && /larger than max/.test(error.message);
}
