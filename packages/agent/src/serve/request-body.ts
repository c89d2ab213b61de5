import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/** Default largest request body: a long conversation's messages fit, a runaway upload does not. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/**
 * Reads a JSON request body of at most `maxBytes`: 413 beyond it (without reading the rest), 415 when
 * it is declared as something other than JSON, 400 when it does not parse.
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = request.headers['content-type'];
  if (type !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', `the body must be application/json, not "${type}"`);
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
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, 'malformed-json', `the request body is not valid JSON: ${reason}`);
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'body-too-large',
    `the request body is larger than ${maxBytes} bytes (the limit of this server)`,
    { Connection: 'close' },
  );
}
