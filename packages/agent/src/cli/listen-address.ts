import { createServer, type RequestListener, type Server } from 'node:http';
import { isIP } from 'node:net';
import { loopbackHosts } from '../serve/request-origin';
import { textFlag } from './command-line';
import { UsageError } from './usage-error';

/** The flags of a command that listens for HTTP: `--port`, `--host`, `--token`. */
export const listenAddressFlags = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
} as const;

/** Where a serving command listens, and the bearer token its clients must send (if any). */
export interface ListenAddress {
  readonly port: number;
  readonly host: string;
  readonly token: string | undefined;
}

/**
 * The address the flags name (`--host` default 127.0.0.1, `--port` default `defaultPort`), and the token
 * from `--token` or `DURABLE_AGENT_TOKEN`. A host other than loopback without a token is a usage mistake:
 * anyone who reaches it could run the agent.
 */
export function readListenAddress(
  values: { port?: string; host?: string; token?: string },
  defaultPort: number,
): ListenAddress {
  const portText = textFlag('port', values.port) ?? String(defaultPort);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) {
    throw new UsageError(`Invalid --port "${portText}": expected a port number from 0 to 65535.`);
  }
  const host = textFlag('host', values.host) ?? '127.0.0.1';
  const token = textFlag('token', values.token) ?? (process.env.DURABLE_AGENT_TOKEN?.trim() || undefined);
  if (!isLoopback(host) && token === undefined) {
    throw new UsageError(
      `Refusing to listen on ${host} without a token: anyone who reaches it could run the agent. Set --token <secret> or DURABLE_AGENT_TOKEN, or listen on 127.0.0.1.`,
    );
  }
  return { port, host, token };
}

/** A server listening at an address: its base URL (`http://<host>:<port>`), and how to close it. */
export interface Listening {
  readonly url: string;
  /** Stops listening and closes open connections (their streams end; the runs go on). */
  close(): void;
}

/**
 * Listens at `address` (port 0: a free one) with the handler `handlerFor` makes. It is given the Host names
 * the server may answer to: on loopback only its own (`loopbackHosts`, against DNS rebinding), known once
 * listening; elsewhere undefined (any). A port in use says to choose another.
 */
export async function listenAt(
  address: ListenAddress,
  handlerFor: (allowedHosts: (() => readonly string[]) | undefined) => RequestListener,
): Promise<Listening> {
  let port = address.port;
  const allowedHosts = isLoopback(address.host) ? () => loopbackHosts(port, address.host) : undefined;
  const server = createServer(handlerFor(allowedHosts));
  port = await listen(server, address.port, address.host);
  return {
    url: `http://${isIP(address.host) === 6 ? `[${address.host}]` : address.host}:${port}`,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is in use: choose another with --port`)
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
