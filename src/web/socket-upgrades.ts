import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { WEB_SOCKET_PATH } from '../shared/web-protocol';
import { isOwnHost, isOwnOrigin, presentedToken, tokenMatches } from './access-token';
import { requestPath } from './page-requests';
import { WEB_LIMITS } from './web-limits';

export interface SocketUpgradeContext {
  readonly token: string;
  readonly port: () => number;
  readonly sockets: WebSocketServer;
  readonly log: (line: string) => void;
}

type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

function reject(socket: Duplex, status: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

/**
 * Upgrades to the contract's WebSocket: our path, Host and Origin, the token in `?token=`, and room for
 * one more socket. Node removes its own error listener from an upgraded socket, so this adds one first:
 * a client resetting the connection mid-handshake never reaches the process as an uncaught error.
 */
export function socketUpgradeHandler(context: SocketUpgradeContext): UpgradeHandler {
  return (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const port = context.port();
      const allowed =
        requestPath(request) === WEB_SOCKET_PATH &&
        isOwnHost(request, port) &&
        isOwnOrigin(request, port) &&
        tokenMatches(presentedToken(request), context.token);
      if (!allowed) return reject(socket, '401 Unauthorized');
      if (context.sockets.clients.size >= WEB_LIMITS.maxSockets)
        return reject(socket, '503 Service Unavailable');
      context.sockets.handleUpgrade(request, socket, head, (client) =>
        context.sockets.emit('connection', client, request),
      );
    } catch (error) {
      context.log(`a socket upgrade failed: ${String(error)}`);
      reject(socket, '500 Internal Server Error');
    }
  };
}
