/** A chunk of the response as the stock `runHttpRequest` emits it (its type is not exported). */
type HttpChunk = { readonly type: string; readonly data?: Uint8Array };

/**
 * Reads the `id:` of each SSE event from the same bytes the stock parser reads, in order, so each event
 * the stock parser emits can be paired with its id (one SSE event with data = one AG-UI event).
 */
export class SseEventIds {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private readonly ids: (string | undefined)[] = [];

  /** Takes one chunk of the response (headers are ignored). */
  read(httpEvent: HttpChunk): void {
    if (httpEvent.type !== 'data' || !httpEvent.data) return;
    this.buffer += this.decoder.decode(httpEvent.data, { stream: true }).replace(/\r\n?/g, '\n');
    const frames = this.buffer.split('\n\n');
    this.buffer = frames.pop() ?? '';
    for (const frame of frames) this.readFrame(frame);
  }

  /** The id of the next event the stock parser emits (undefined when its frame had none). */
  next(): string | undefined {
    return this.ids.shift();
  }

  private readFrame(frame: string): void {
    const lines = frame.split('\n');
    if (!lines.some((line) => line.startsWith('data:'))) return;
    const idLine = lines.filter((line) => line.startsWith('id:')).at(-1);
    this.ids.push(idLine?.slice(3).trim());
  }
}
