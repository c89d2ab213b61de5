import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { isOwnHost, presentedToken, tokenMatches } from './access-token';
import { RateLimit } from './rate-limit';
import { serveStatic } from './static-files';
import { WEB_LIMITS } from './web-limits';

export interface PageRequestContext {
  readonly token: string;
  readonly rendererDir: string;
  readonly port: () => number;
  readonly log: (line: string) => void;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

function securityHeaders(port: number): Record<string, string> {
  const self = `http://127.0.0.1:${port} http://localhost:${port}`;
  const sockets = `ws://127.0.0.1:${port} ws://localhost:${port}`;
  return {
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ${self} ${sockets}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** The path of a request as sent (`//x` is a path here, not a host as `new URL` would read it). */
export function requestPath(request: IncomingMessage): string {
  return `/${(request.url ?? '/').split('?')[0]!.replace(/^\/+/, '')}`;
}

/** `%zz` and other bad escapes: undefined, so the caller answers 400 instead of throwing. */
function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/**
 * A page (a path without extension, or .html) needs the token in `?token=`; the built renderer's assets do
 * not: they are the same for everyone and hold nothing of the user's (like Jupyter's `/static/`). All the
 * user's data travels over the socket, which needs the token.
 */
function isPage(pathname: string): boolean {
  const extension = path.extname(pathname);
  return extension === '' || extension === '.html';
}

function refuse(response: ServerResponse, status: number, message: string, close = false): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(message);
}

/**
 * Web mode's HTTP handler: the built renderer, behind the Host check and (pages) the token. Nothing a
 * request carries can throw out of it: a failure answers 400/500, a connection asking too fast gets 429
 * and is closed, an aborted request or response is just dropped.
 */
export function pageRequestHandler(context: PageRequestContext): Handler {
  const limits = new WeakMap<Socket, RateLimit>();
  const limitOf = (socket: Socket) => {
    let limit = limits.get(socket);
    if (!limit) {
      limit = new RateLimit(WEB_LIMITS.requests);
      limits.set(socket, limit);
    }
    return limit;
  };
  return (request, response) => {
    request.on('error', () => undefined); // a client that went away mid-request
    response.on('error', () => undefined);
    try {
      if (limitOf(request.socket).take()) handle(context, request, response);
      else refuse(response, 429, 'Too many requests on this connection.', true);
    } catch (error) {
      context.log(`a request failed: ${String(error)}`);
      if (!response.headersSent) refuse(response, 500, 'Internal error.');
      else response.destroy();
    }
  };
}

interface Refusal {
  readonly status: number;
  readonly message: string;
  /** Close the connection after answering (a body left unread, a client asking too fast). */
  readonly close?: boolean;
}

/** Why a request is not served, if it is not. */
function refusalOf(context: PageRequestContext, request: IncomingMessage, pathname: string | undefined) {
  const port = context.port();
  if (!isOwnHost(request, port)) return { status: 403, message: 'Forbidden: unknown host' };
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return { status: 405, message: 'Method not allowed', close: true };
  if (pathname === undefined || pathname.includes('\0'))
    return { status: 400, message: 'Bad request: the path is not a valid URL path.' };
  if (isPage(pathname) && !tokenMatches(presentedToken(request), context.token))
    return {
      status: 401,
      message: 'Unauthorized: open the address with its token, as printed by `npm run web`.',
    };
  return undefined;
}

function handle(context: PageRequestContext, request: IncomingMessage, response: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders(context.port())))
    response.setHeader(name, value);
  const pathname = decodedPath(requestPath(request));
  const refusal: Refusal | undefined = refusalOf(context, request, pathname);
  if (refusal || pathname === undefined) {
    refuse(response, refusal?.status ?? 400, refusal?.message ?? 'Bad request.', refusal?.close);
    return;
  }
  serveStatic(context.rendererDir, pathname, response).catch((error: unknown) => {
    context.log(`serving ${pathname} failed: ${String(error)}`);
    if (!response.headersSent) refuse(response, 500, 'Internal error.');
    else response.destroy();
  });
}
