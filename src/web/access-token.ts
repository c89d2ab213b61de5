import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_QUERY_PARAMETER } from '../shared/web-protocol';

/**
 * Web mode's session token travels in the address only (`?token=` on the page and on the socket), never in
 * a cookie: cookies are not scoped by port (RFC 6265 §8.5), so a cookie set by 127.0.0.1:<ours> would be
 * sent to every other server on 127.0.0.1 — any local dev server would receive our token. A cookie name
 * that includes the port does not change that (it is still sent everywhere). The address is port-bound:
 * the page keeps `?token=` in its URL (reloads work), and the renderer hands it to the socket itself.
 */
export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The token a request carries in `?token=`; a malformed query never throws, it just carries none. */
export function presentedToken(request: IncomingMessage): string | undefined {
  const query = (request.url ?? '').split('?')[1] ?? '';
  return new URLSearchParams(query).get(TOKEN_QUERY_PARAMETER) || undefined;
}

/** Constant time, whatever the lengths: both sides are hashed to 32 bytes before comparing. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Only our own origin may open the socket (another site in the browser may not, even on localhost). */
export function isOwnOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** The Host header names us (defeats DNS rebinding). */
export function isOwnHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
