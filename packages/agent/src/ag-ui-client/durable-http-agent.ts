import { createRequire } from 'node:module';
import {
  enforceOutgoingInput,
  HttpAgent,
  type RunAgentInput,
  runHttpRequest,
  transformHttpEventStream,
} from '@ag-ui/client';
import { OpenEvents } from './open-events';
import { SseEventIds } from './sse-event-ids';

/** The stock client's own rxjs (a second copy's Observable would not type-check against its `run`). */
const { concat, defer, EMPTY, from, tap } = createRequire(require.resolve('@ag-ui/client'))(
  'rxjs',
) as typeof import('rxjs');
/** The event stream `HttpAgent.run` returns. */
type EventStream = ReturnType<HttpAgent['run']>;

/**
 * The stock `HttpAgent` plus `connect()` for `durable-agent serve`: it remembers the SSE id of the last
 * event it applied, and `connectAgent({ runId })` re-POSTs the run with `Last-Event-ID`, so a dropped
 * connection continues exactly where it stopped (the run itself never stopped: it is a Temporal
 * workflow). A fresh instance (a reloaded page) that `connectAgent`s with a run's id gets the whole run
 * replayed and then the rest live. Each connection passes the stock `verifyEvents`.
 */
export class DurableHttpAgent extends HttpAgent {
  /** The SSE id of the last event applied: where `connect()` resumes. */
  lastEventId: string | undefined;
  /** The AG-UI run the last event belonged to. */
  lastRunId: string | undefined;
  private readonly openEvents = new OpenEvents();

  /** Runs as the stock `HttpAgent` does, remembering each event's SSE id for a later `connect()`. */
  override run(input: RunAgentInput): EventStream {
    this.lastEventId = undefined;
    this.lastRunId = input.runId;
    return this.stream(input, undefined);
  }

  /** Resumes the run `input.runId` after the last event applied, or from its start when there is none. */
  protected override connect(input: RunAgentInput): EventStream {
    // A run aborted earlier leaves its controller aborted; a new connection needs a live one.
    if (this.abortController.signal.aborted) this.abortController = new AbortController();
    const resuming = this.lastRunId === input.runId && this.lastEventId !== undefined;
    if (resuming && this.openEvents.ended) return EMPTY as unknown as EventStream;
    if (!resuming) {
      this.lastEventId = undefined;
      this.lastRunId = input.runId;
      return this.stream(input, undefined);
    }
    return concat(
      from(this.openEvents.opening),
      this.stream(input, this.lastEventId) as never,
    ) as unknown as EventStream;
  }

  private stream(input: RunAgentInput, lastEventId: string | undefined): EventStream {
    return defer(() => {
      const ids = new SseEventIds();
      const request = this.requestInit(enforceOutgoingInput(input));
      const headers = {
        ...(request.headers as Record<string, string>),
        ...(lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId }),
      };
      const http$ = runHttpRequest(() => this.fetch(this.url, { ...request, headers })).pipe(
        tap((httpEvent: { type: string; data?: Uint8Array }) => ids.read(httpEvent)) as never,
      ) as Parameters<typeof transformHttpEventStream>[0];
      return transformHttpEventStream(http$, this.debugLogger).pipe(
        tap((event: Parameters<OpenEvents['follow']>[0]) => {
          // An event without an id is the client's own (a RUN_ERROR for a dropped connection): the run goes on.
          const id = ids.next();
          if (id === undefined) return;
          this.lastEventId = id;
          this.openEvents.follow(event);
        }) as never,
      ) as never;
    }) as unknown as EventStream;
  }
}
