import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitRequest, answeringErrors } from '../../src/serve/endpoint-access';
import { readJsonBody } from '../../src/serve/request-body';
import { loopbackHosts } from '../../src/serve/request-origin';

const TOKEN = 'secret-token';
const ORIGIN = 'https://app.example';

let server: Server;
let base: string;
const failures: unknown[] = [];

/** An endpoint built as serve's are: `/card` (GET, no token), `/echo` (POST JSON), `/fail` (throws). */
beforeAll(async () => {
  let port = 0;
  const access = { token: TOKEN, corsOrigin: ORIGIN, allowedHosts: () => loopbackHosts(port) };
  const handle = answeringErrors(
    async (request, response, next) => {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (!['/card', '/echo', '/fail'].includes(pathname)) return next?.();
      const isCard = pathname === '/card';
      if (!admitRequest(request, response, access, { method: isCard ? 'GET' : 'POST', needsToken: !isCard }))
        return;
      if (isCard) return void response.writeHead(200).end('card');
      if (pathname === '/fail') throw new Error('a failure that is not the client’s');
      const body = await readJsonBody(request, 100);
      response.writeHead(200).end(JSON.stringify(body));
    },
    ORIGIN,
    (error) => failures.push(error),
  );
  server = createServer((request, response) =>
    handle(request, response, () => response.writeHead(404).end('next')),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const auth = { Authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'Content-Type': 'application/json' };

/** A request as any program may send it (fetch would not send a Host of our choosing). */
function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      `${base}${path}`,
      { method: init.method ?? 'GET', headers: init.headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(init.body);
  });
}

describe('admitRequest and answeringErrors (the checks every serve endpoint shares)', () => {
  it('answers a request that passes every check, and hands other paths to next', async () => {
    expect(await call('/echo', { method: 'POST', headers: json, body: '{"a":1}' })).toMatchObject({
      status: 200,
      text: '{"a":1}',
    });
    expect(await call('/card')).toMatchObject({ status: 200, text: 'card' });
    expect(await call('/elsewhere')).toMatchObject({ status: 404, text: 'next' });
  });

  it('refuses a foreign Host (403) and a foreign Origin (403) before anything else, with the reason in JSON', async () => {
    const host = await call('/card', { headers: { Host: 'rebound.example' } });
    expect(host.status).toBe(403);
    expect(JSON.parse(host.text)).toMatchObject({ error: { code: 'forbidden' } });
    const origin = await call('/echo', {
      method: 'POST',
      headers: { ...json, Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(origin.status).toBe(403);
  });

  it('answers a CORS preflight itself, and refuses other methods with 405 and Allow', async () => {
    const preflight = await call('/echo', {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    const get = await call('/echo', { headers: auth });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST, OPTIONS');
    const post = await call('/card', { method: 'POST', headers: json, body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, OPTIONS');
  });

  it('needs the bearer token (401) where the endpoint says so, and a JSON content type for a body (415)', async () => {
    const noToken = await call('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(401);
    expect(noToken.headers['www-authenticate']).toContain('Bearer');
    const blob = await call('/echo', { method: 'POST', headers: auth, body: '{}' });
    expect(blob.status).toBe(415);
    const text = await call('/echo', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
  });

  it('answers an error with CORS headers for an allowed origin, 413 for a large body, and 500 without details for its own failure', async () => {
    const large = await call('/echo', {
      method: 'POST',
      headers: { ...json, Origin: ORIGIN },
      body: JSON.stringify({ text: 'x'.repeat(500) }),
    });
    expect(large.status).toBe(413);
    expect(large.headers['access-control-allow-origin']).toBe(ORIGIN);
    const failed = await call('/fail', { method: 'POST', headers: json, body: '{}' });
    expect(failed.status).toBe(500);
    expect(failed.text).not.toContain('not the client');
    expect(failures).toHaveLength(1);
  });
});
