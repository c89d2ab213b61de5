import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Host } from '../host/host';
import { TOKEN_QUERY_PARAMETER } from '../shared/web-protocol';
import { pageRequestHandler } from './page-requests';
import { bridgeSockets } from './socket-bridge';
import { socketUpgradeHandler } from './socket-upgrades';
import { WEB_LIMITS } from './web-limits';

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

/**
 * Web mode's server on 127.0.0.1: the built renderer and the contract over a WebSocket (`/api`). Pages and
 * sockets need the session token in `?token=` (see access-token.ts for why not a cookie). Every connection
 * is bounded (WEB_LIMITS); no request, upgrade or frame can end the process.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.log ?? (() => undefined);
  let port = 0;
  const server = createServer(
    { maxHeaderSize: WEB_LIMITS.maxHeaderBytes, requestTimeout: WEB_LIMITS.requestTimeoutMs },
    pageRequestHandler({ token: options.token, rendererDir: options.rendererDir, port: () => port, log }),
  );
  server.maxConnections = WEB_LIMITS.maxConnections;
  // Malformed HTTP needs no listener of ours: Node's own `clientError` default answers 400/408/431 and
  // drops the connection without an uncaught error.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: WEB_LIMITS.maxFrameBytes });
  server.on('upgrade', socketUpgradeHandler({ token: options.token, port: () => port, sockets, log }));
  const unsubscribe = bridgeSockets(sockets, options.host, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => log(`web server: ${error.message}`));
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
