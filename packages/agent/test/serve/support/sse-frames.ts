import type { BaseEvent } from '@ag-ui/client';

/** One server-sent event as it came over the wire: its `id:` line and its JSON `data:`. */
export interface SseFrame {
  readonly id?: string;
  readonly event: BaseEvent & Record<string, unknown>;
}

export interface PostOptions {
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** Stop (and close the connection) after this many frames. */
  readonly stopAfter?: number;
}

/**
 * POSTs to the endpoint and reads the SSE frames (ids included, which the stock client ignores) until
 * the stream ends or `stopAfter` frames arrived; then the connection is closed.
 */
export async function postAndRead(
  url: string,
  options: PostOptions,
): Promise<{ status: number; frames: SseFrame[] }> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', ...options.headers },
    body: JSON.stringify(options.body),
    signal: abort.signal,
  });
  const frames: SseFrame[] = [];
  if (!response.body) return { status: response.status, frames };
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame) frames.push(frame);
        if (options.stopAfter !== undefined && frames.length >= options.stopAfter) {
          abort.abort();
          return { status: response.status, frames };
        }
        end = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  }
  return { status: response.status, frames };
}

function parseFrame(text: string): SseFrame | undefined {
  let id: string | undefined;
  const data: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return undefined; // a keep-alive comment
  return { ...(id === undefined ? {} : { id }), event: JSON.parse(data.join('\n')) };
}

/** A JSON POST; the status and the parsed body. */
export async function postJson(
  url: string,
  body: string | unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/**
 * The events of frames with each message's consecutive text joined into one TEXT_MESSAGE_CONTENT: text read
 * live comes in as many pieces as timing makes, so two readings of one run agree on this, not on pieces.
 */
export function joinedText(frames: readonly SseFrame[]): Record<string, unknown>[] {
  const joined: Record<string, unknown>[] = [];
  for (const { event } of frames) {
    const last = joined.at(-1);
    if (
      event.type === 'TEXT_MESSAGE_CONTENT' &&
      last?.type === 'TEXT_MESSAGE_CONTENT' &&
      last.messageId === event.messageId
    ) {
      joined[joined.length - 1] = { ...last, delta: `${String(last.delta)}${String(event.delta)}` };
      continue;
    }
    joined.push({ ...event });
  }
  return joined;
}
