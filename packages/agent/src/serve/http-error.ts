import type { ServerResponse } from 'node:http';

/** Stable codes of the JSON errors the AG-UI endpoint answers with. */
export type HttpErrorCode =
  | 'malformed-json'
  | 'invalid-input'
  | 'no-user-message'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'unauthorized'
  | 'forbidden'
  | 'too-many-streams'
  | 'not-found'
  | 'method-not-allowed'
  | 'run-not-found'
  | 'interrupt-not-found'
  | 'interrupt-answered'
  | 'thread-busy'
  | 'temporal-unreachable'
  | 'internal-error';

/** An error the endpoint answers with `{ error: { code, message } }` and its HTTP status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Writes a JSON error (or any JSON body) unless the response has already started. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}
