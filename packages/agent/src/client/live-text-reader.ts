import { type ClientRequest, get } from 'node:http';
import type { LiveTextAddress } from '../common/events';
import { type LiveTextLine, LiveTextLineSchema } from '../live/live-text-wire';

/** A worker that does not answer this soon is not read live (the log still brings the text). */
const CONNECT_TIMEOUT_MS = 2000;

/** An open live read of one attempt's text; `close()` is safe at any time, also after it ended. */
export interface LiveTextSubscription {
  close(): void;
}

/**
 * Reads an attempt's text live from its worker (`LiveTextServer`), from `from` on: every line to
 * `onText`, then `onEnd` once — when the attempt ended, the worker is gone or unreachable, or anything
 * else went wrong. Never throws: the live path may be lost at any time, and then the log is the only path.
 */
export function readLiveText(
  address: LiveTextAddress,
  from: number,
  onText: (line: LiveTextLine) => void,
  onEnd: () => void,
): LiveTextSubscription {
  let ended = false;
  let request: ClientRequest | undefined;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(connectTimer);
    request?.destroy();
    onEnd();
  };
  const connectTimer = setTimeout(end, CONNECT_TIMEOUT_MS);
  try {
    const url = new URL(address.url);
    if (url.protocol !== 'http:') throw new Error(`live text over ${url.protocol} is not supported`);
    url.searchParams.set('from', String(from));
    request = get(url, { agent: false }, (response) => {
      clearTimeout(connectTimer);
      if (response.statusCode !== 200) {
        response.resume();
        end();
        return;
      }
      response.setEncoding('utf8');
      let buffered = '';
      response.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const parsed = parseLine(line);
          if (!parsed) return end();
          if (!ended) onText(parsed);
        }
      });
      response.on('end', end);
      response.on('error', end);
      response.on('close', end);
    });
    request.on('error', end);
    request.setNoDelay(true);
  } catch {
    queueMicrotask(end);
  }
  return { close: end };
}

function parseLine(line: string): LiveTextLine | undefined {
  try {
    const parsed = LiveTextLineSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
