import type { ServerResponse } from 'node:http';

/** Resolves true once `response` can take more data, false if `signal` aborts first. */
function drained(response: ServerResponse, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (result: boolean): void => {
      response.off('drain', onDrain);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onDrain = (): void => finish(true);
    const onAbort = (): void => finish(false);
    response.on('drain', onDrain);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Writes server-sent events, each flushed at once; every write reports false once the client is gone. */
export class SseWriter {
  readonly #response: ServerResponse;
  readonly #signal: AbortSignal;
  /** Settles once the last write has been handed to the operating system. */
  #lastWrite: Promise<void> = Promise.resolve();

  constructor(response: ServerResponse, signal: AbortSignal) {
    this.#response = response;
    this.#signal = signal;
  }

  open(): void {
    this.#response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.#response.socket?.setNoDelay(true);
    this.#response.flushHeaders();
  }

  /** Sends one `data: <json>` event. */
  send(data: unknown): Promise<boolean> {
    return this.#write(`data: ${JSON.stringify(data)}\n\n`);
  }

  /** Sends one event whose data is `text` as it is (e.g. not JSON). */
  sendRaw(text: string): Promise<boolean> {
    return this.#write(`data: ${text}\n\n`);
  }

  /** Ends the response cleanly without `[DONE]`, like a proxy that closes the stream too early. */
  async end(): Promise<void> {
    await this.#lastWrite;
    if (!this.#response.destroyed) this.#response.end();
  }

  /** Sends `data: [DONE]` and ends the response. */
  async done(): Promise<void> {
    if (await this.#write('data: [DONE]\n\n')) this.#response.end();
  }

  /** Destroys the connection once everything written so far is out, like a server dying mid-stream. */
  async disconnect(): Promise<void> {
    await this.#lastWrite;
    this.#response.destroy();
  }

  async #write(text: string): Promise<boolean> {
    if (this.#signal.aborted || this.#response.destroyed) return false;
    let written = true;
    this.#lastWrite = new Promise((resolve) => {
      written = this.#response.write(text, () => resolve());
    });
    return written || drained(this.#response, this.#signal);
  }
}
