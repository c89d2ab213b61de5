import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/** Requires `Authorization: Bearer <token>` (compared in constant time): 401 otherwise. */
export function checkBearerToken(request: IncomingMessage, token: string | undefined): void {
  if (token === undefined) return;
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (match && sameSecret(match[1]!, token)) return;
  throw new HttpError(
    401,
    'unauthorized',
    match ? 'the bearer token is wrong' : 'this server needs "Authorization: Bearer <token>"',
    { 'WWW-Authenticate': 'Bearer realm="durable-agent"' },
  );
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
