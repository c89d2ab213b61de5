import type { ServerResponse } from 'node:http';
import type { BaseEvent } from '@ag-ui/core';
import { AGUI_MEDIA_TYPE, EventEncoder } from '@ag-ui/encoder';

/**
 * Writes AG-UI events to one HTTP response: `text/event-stream` with `id:` lines and keep-alive comments
 * while nothing happens, or AG-UI's length-prefixed protobuf when the request's `Accept` names and prefers it (that
 * encoding has no ids or comments). Headers go out with the first write, so a stream that turns out to
 * have nothing to send can still answer 204.
 */
export class EventStreamWriter {
  private readonly encoder: EventEncoder;
  private readonly protobuf: boolean;
  private keepAlive: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    private readonly response: ServerResponse,
    accept: string | undefined,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly keepAliveMs: number,
  ) {
    // Only a client that names the protobuf type gets it: `*/*` (curl, fetch) means SSE here.
    this.encoder = new EventEncoder(accept?.includes(AGUI_MEDIA_TYPE) ? { accept } : {});
    this.protobuf = this.encoder.getContentType() === AGUI_MEDIA_TYPE;
    this.scheduleKeepAlive();
  }

  get hasStarted(): boolean {
    return this.started;
  }

  /** Writes events; resolves when the socket can take more (backpressure), or at once when it is closed. */
  async write(events: readonly { id: string; event: BaseEvent }[]): Promise<void> {
    if (events.length === 0 || this.response.writableEnded || this.response.destroyed) return;
    this.begin();
    let ready = true;
    for (const { id, event } of events) {
      ready = this.protobuf
        ? this.response.write(this.encoder.encodeProtobuf(event))
        : this.response.write(`id: ${id}\n${this.encoder.encodeSSE(event)}`);
    }
    this.scheduleKeepAlive();
    if (!ready && !this.response.destroyed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.response.off('drain', done);
          this.response.off('close', done);
          resolve();
        };
        this.response.on('drain', done);
        this.response.on('close', done);
      });
    }
  }

  /** Ends the response; with nothing written, answers 204 (the client has everything already). */
  end(): void {
    clearTimeout(this.keepAlive);
    if (this.response.writableEnded) return;
    if (!this.started) {
      this.response.writeHead(204, { ...this.headers, 'Cache-Control': 'no-store' });
    }
    this.response.end();
  }

  private begin(): void {
    if (this.started) return;
    this.started = true;
    this.response.writeHead(200, {
      ...this.headers,
      'Content-Type': this.encoder.getContentType(),
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
  }

  private scheduleKeepAlive(): void {
    clearTimeout(this.keepAlive);
    if (this.protobuf) return;
    this.keepAlive = setTimeout(() => {
      if (this.response.writableEnded || this.response.destroyed) return;
      // A client that reads nothing gets nothing more: its buffer would only grow (the writer's own
      // writes wait for 'drain' the same way).
      if (this.response.writableNeedDrain) return this.scheduleKeepAlive();
      this.begin();
      this.response.write(': keep-alive\n\n');
      this.scheduleKeepAlive();
    }, this.keepAliveMs);
    this.keepAlive.unref();
  }
}
