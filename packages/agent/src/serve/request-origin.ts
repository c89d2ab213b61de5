import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/**
 * The Host values of a server listening on loopback at `port` (and on `listening`, e.g. 127.0.0.2): a
 * request naming any other host reached
 * it through a name that resolves to 127.0.0.1 by a trick (DNS rebinding) and is refused.
 */
export function loopbackHosts(port: number, listening?: string): readonly string[] {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (listening === undefined) return hosts;
  const named = `${listening.includes(':') && !listening.startsWith('[') ? `[${listening}]` : listening}:${port}`;
  return hosts.includes(named.toLowerCase()) ? hosts : [...hosts, named.toLowerCase()];
}

/**
 * Checks a request's Host and Origin as web mode does (403 otherwise): the Host must be one of
 * `allowedHosts` (when given); an Origin, when sent, must be the server's own (`http://<Host>`) or one
 * CORS allows — so a page on another site cannot drive the endpoint even with a body a browser sends
 * without asking (a `no-cors` POST).
 */
export function checkHostAndOrigin(
  request: IncomingMessage,
  allowedHosts: readonly string[] | undefined,
  corsOrigin: string | undefined,
): void {
  const host = request.headers.host;
  if (allowedHosts !== undefined && (host === undefined || !allowedHosts.includes(host.toLowerCase()))) {
    throw new HttpError(
      403,
      'forbidden',
      `the Host "${(host ?? '').slice(0, 100)}" is not this server's (expected ${allowedHosts.join(' or ')})`,
    );
  }
  const origin = request.headers.origin;
  if (origin === undefined || isOwnOrigin(origin, host) || isCorsOrigin(origin, corsOrigin)) return;
  throw new HttpError(
    403,
    'forbidden',
    `requests from the origin "${origin.slice(0, 100)}" are not allowed: name it with --cors-origin`,
  );
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

function isCorsOrigin(origin: string, corsOrigin: string | undefined): boolean {
  if (corsOrigin === undefined) return false;
  const origins = corsOrigin.split(',').map((each) => each.trim());
  return origins.includes('*') || origins.includes(origin);
}
