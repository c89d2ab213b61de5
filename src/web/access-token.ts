import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_QUERY_PARAMETER } from '../shared/web-protocol';

/** A fresh random token for one web-mode session. */
export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The token a request carries: in `?token=` or in the cookie set with the page. */
export function presentedToken(
  request: IncomingMessage,
): { token: string; via: 'query' | 'cookie' } | undefined {
  const query = new URLSearchParams((request.url ?? '').split('?')[1] ?? '').get(TOKEN_QUERY_PARAMETER);
  if (query) return { token: query, via: 'query' };
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return { token: decodeURIComponent(value.join('=')), via: 'cookie' };
  }
  return undefined;
}

export function tokenMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
