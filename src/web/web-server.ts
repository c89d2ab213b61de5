import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Host } from '../host/host';
import { TOKEN_QUERY_PARAMETER, WEB_SOCKET_PATH } from '../shared/web-protocol';
import { isOwnHost, isOwnOrigin, presentedToken, tokenCookie, tokenMatches } from './access-token';
import { bridgeSockets } from './socket-bridge';
import { serveStatic } from './static-files';

export interface WebServerOptions {
  readonly host: Host;
  readonly token: string;
  /** 0 = a random free port. Always bound to 127.0.0.1. */
  readonly port: number;
  readonly rendererDir: string;
  readonly log?: (line: string) => void;
}

export interface WebServer {
  readonly port: number;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

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
function requestPath(request: IncomingMessage): string {
  return `/${(request.url ?? '/').split('?')[0]!.replace(/^\/+/, '')}`;
}

function refuse(response: ServerResponse, status: 401 | 403 | 405, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(message);
}

/**
 * Web mode's server on 127.0.0.1: the built renderer and the contract over a WebSocket (`/api`). Pages,
 * assets and sockets need the session token (in `?token=`, or the cookie set with the first page).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.log ?? (() => undefined);
  let port = 0;
  const authorized = (request: IncomingMessage) => {
    const presented = presentedToken(request);
    return presented && tokenMatches(presented.token, options.token) ? presented : undefined;
  };
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders(port))) response.setHeader(name, value);
    if (!isOwnHost(request, port)) return refuse(response, 403, 'Forbidden: unknown host');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, 'Method not allowed');
    const presented = authorized(request);
    if (!presented) {
      return refuse(
        response,
        401,
        'Unauthorized: open the address with its token, as printed by `npm run web`.',
      );
    }
    if (presented.via === 'query') response.setHeader('set-cookie', tokenCookie(options.token));
    const pathname = requestPath(request);
    serveStatic(options.rendererDir, pathname, response).catch((error: unknown) => {
      log(`serving ${pathname} failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const pathname = requestPath(request);
    const allowed =
      pathname === WEB_SOCKET_PATH &&
      isOwnHost(request, port) &&
      isOwnOrigin(request, port) &&
      authorized(request);
    if (!allowed) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  });
  const unsubscribe = bridgeSockets(sockets, options.host, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?${TOKEN_QUERY_PARAMETER}=${options.token}`,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
