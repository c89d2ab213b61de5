import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

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

  constructor(
    private readonly client: HistoryClient,
    private readonly workflowId: string,
  ) {}

  /** The page at `pageToken`; with `wait`, a long poll that returns once the history grows. */
  async read(
    pageToken: Uint8Array | undefined,
    options: { readonly wait: boolean; readonly signal?: AbortSignal },
  ): Promise<temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse> {
    const { client } = this;
    const request = () =>
      client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId: this.workflowId },
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

/** A closed workflow's whole history (every page). */
export async function readWholeHistory(client: HistoryClient, workflowId: string): Promise<HistoryEvent[]> {
  const pages = new HistoryPages(client, workflowId);
  const events: HistoryEvent[] = [];
  let pageToken: Uint8Array | undefined;
  do {
    const page = await pages.read(pageToken, { wait: false });
    events.push(...(page.history?.events ?? []));
    pageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (pageToken);
  return events;
}

/** grpc-js refused Temporal's answer for its size (`RESOURCE_EXHAUSTED: … larger than max`). */
function isTooLarge(error: unknown): boolean {
  return error instanceof Error && /larger than max/.test(error.message);
}
