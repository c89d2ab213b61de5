import type { ServerResponse } from 'node:http';
import { sendJson } from '../common/send-json';

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

export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}
