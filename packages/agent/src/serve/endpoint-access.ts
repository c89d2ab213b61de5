import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkBearerToken } from './bearer-token';
import { corsHeaders, preflightHeaders } from './cors';
import { HttpError, sendError } from './http-error';
import { checkHostAndOrigin } from './request-origin';

/** Who may use an endpoint of `serve` (AG-UI, A2A): its token, the browsers' origins, the Host names. */
export interface EndpointAccess {
  /** Requires `Authorization: Bearer <token>` on every request but CORS preflights. */
  readonly token?: string;
  /** Origins browsers may call from: `*`, one origin, or a comma-separated list (default: none). */
  readonly corsOrigin?: string;
  /**
   * The Host headers this server answers to, e.g. `loopbackHosts(port)` (403 for others: DNS rebinding);
   * a function when the port is known only once listening. Default: any.
   */
  readonly allowedHosts?: readonly string[] | (() => readonly string[]);
}

/** What a request must be to reach an endpoint. */
export interface AdmittedRequest {
  /** The one method the endpoint takes (besides a preflight's OPTIONS): 405 for others. */
  readonly method: 'GET' | 'POST';
  /** Whether the bearer token is checked (default yes; an agent card needs none). */
  readonly needsToken?: boolean;
}

/**
 * Checks a request as every endpoint of `serve` does, in this order: its Host and Origin (403, see
 * `checkHostAndOrigin`), a CORS preflight (answered here: returns false), its method (405), then the bearer
 * token (401). Returns true when the endpoint should answer it. A JSON body is checked as it is read
 * (`readJsonBody`: 415 without a JSON content type).
 */
export function admitRequest(
  request: IncomingMessage,
  response: ServerResponse,
  access: EndpointAccess,
  { method, needsToken = true }: AdmittedRequest,
): boolean {
  const allowedHosts =
    typeof access.allowedHosts === 'function' ? access.allowedHosts() : access.allowedHosts;
  checkHostAndOrigin(request, allowedHosts, access.corsOrigin);
  if (request.method === 'OPTIONS') {
    response.writeHead(204, preflightHeaders(request, access.corsOrigin)).end();
    return false;
  }
  if (request.method !== method) {
    throw new HttpError(405, 'method-not-allowed', `${request.method} is not allowed here: use ${method}`, {
      Allow: `${method}, OPTIONS`,
    });
  }
  if (needsToken) checkBearerToken(request, access.token);
  return true;
}

/** A Node `(request, response[, next])` handler, as both endpoints are. */
export type EndpointHandler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => void;

/**
 * The endpoint `handle` as a Node handler: an `HttpError` it throws is answered as JSON with its status
 * (and CORS headers); any other failure is told to `onError` and answered 500 without details.
 */
export function answeringErrors(
  handle: (request: IncomingMessage, response: ServerResponse, next?: () => void) => Promise<void>,
  corsOrigin: string | undefined,
  onError: (error: unknown) => void,
): EndpointHandler {
  return (request, response, next) => {
    handle(request, response, next).catch((error: unknown) => {
      const cors = corsHeaders(request, corsOrigin);
      if (error instanceof HttpError) {
        sendError(
          response,
          new HttpError(error.status, error.code, error.message, { ...cors, ...error.headers }),
        );
        // The rest of a body too large to read is discarded.
        if (error.status === 413) request.resume();
        return;
      }
      onError(error);
      sendError(
        response,
        new HttpError(500, 'internal-error', 'the server failed to handle the request', cors),
      );
    });
  };
}
