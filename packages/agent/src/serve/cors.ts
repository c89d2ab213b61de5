import type { IncomingMessage } from 'node:http';

/**
 * CORS headers for a request: the allowed origin (`*`, one origin, or a comma-separated list) is echoed
 * when the request's Origin matches; no headers otherwise (the browser then refuses the response).
 */
export function corsHeaders(request: IncomingMessage, allowed: string | undefined): Record<string, string> {
  const origin = request.headers.origin;
  if (allowed === undefined || origin === undefined) return {};
  const origins = allowed.split(',').map((each) => each.trim());
  if (!origins.includes('*') && !origins.includes(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origins.includes('*') ? '*' : origin,
    'Access-Control-Expose-Headers': 'Content-Type',
    Vary: 'Origin',
  };
}

/** The answer to a preflight (OPTIONS): what a browser may send to the endpoint. */
export function preflightHeaders(
  request: IncomingMessage,
  allowed: string | undefined,
): Record<string, string> {
  const headers = corsHeaders(request, allowed);
  if (!headers['Access-Control-Allow-Origin']) return headers;
  return {
    ...headers,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Last-Event-ID',
    'Access-Control-Max-Age': '600',
  };
}
