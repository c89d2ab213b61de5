import type { IncomingMessage } from 'node:http';
import { messageOf } from '../common/error-message';
import { HttpError } from './http-error';

/** Default largest request body: a long conversation's messages fit, a runaway upload does not. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/** Deepest nesting of arrays and objects a body may have: far beyond any real input, far below a stack. */
export const MAX_BODY_DEPTH = 100;

/** True when the request declares a JSON body (`application/json`, `application/*+json`). */
export function isJsonRequest(request: IncomingMessage): boolean {
  const type = request.headers['content-type'];
  return type !== undefined && /^application\/([\w.+-]+\+)?json\b/i.test(type);
}

/**
 * Reads a JSON request body of at most `maxBytes`: 413 beyond it (without reading the rest), 415 unless
 * it is declared as JSON (a browser sends a body without Content-Type, or as text/plain, from any page
 * without asking first: such a request must do nothing), 400 when it does not parse or nests deeper
 * than `MAX_BODY_DEPTH`.
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (!isJsonRequest(request)) {
    const type = request.headers['content-type'];
    throw new HttpError(
      415,
      'unsupported-media-type',
      type === undefined
        ? 'the body must be sent with Content-Type: application/json'
        : `the body must be application/json, not "${type.slice(0, 100)}"`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'malformed-json', 'the request body is empty');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = messageOf(error);
    throw new HttpError(400, 'malformed-json', `the request body is not valid JSON: ${reason}`);
  }
  if (depthExceeds(body, MAX_BODY_DEPTH)) {
    throw new HttpError(
      400,
      'invalid-input',
      `the request body nests arrays or objects deeper than ${MAX_BODY_DEPTH} levels`,
    );
  }
  return body;
}

/** Whether `value` nests deeper than `limit` (walked without recursion, so any depth is safe). */
function depthExceeds(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'body-too-large',
    `the request body is larger than ${maxBytes} bytes (the limit of this server)`,
    { Connection: 'close' },
  );
}
