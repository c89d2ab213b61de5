import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import { createWebApi } from '../../src/shared/web-transport';
import { startWebServer, type WebServer } from '../../src/web/web-server';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

let directory: ReturnType<typeof temporaryDirectory>;
let host: Host;
let server: WebServer;
const token = 'test-token-0123456789abcdef';

beforeAll(async () => {
  directory = temporaryDirectory('web');
  const renderer = path.join(directory.path, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Durable Agent</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(path.join(directory.path, 'secret.txt'), 'outside the renderer');
  const dataDir = path.join(directory.path, 'data');
  writeSettings(dataDir, testSettings());
  host = (await createTestHost(dataDir, { initialWorkers: 0 })).host;
  server = await startWebServer({ host, token, port: 0, rendererDir: renderer });
});

afterAll(async () => {
  await server?.close();
  await host?.close();
  directory?.remove();
});

const base = () => `http://127.0.0.1:${server.port}`;

async function socketStatus(url: string, headers: Record<string, string> = {}): Promise<'open' | 'refused'> {
  const { WebSocket } = await import('ws');
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('error', () => resolve('refused'));
  });
}

describe('startWebServer', () => {
  it('binds to 127.0.0.1 and prints an address with the token', () => {
    expect(server.url).toBe(`${base()}/?token=${token}`);
  });

  it('refuses pages without the token, or with a wrong one, with 401', async () => {
    for (const url of [
      `${base()}/`,
      `${base()}/index.html`,
      `${base()}/some/route`,
      `${base()}/?token=wrong`,
      `${base()}/?token=`,
    ]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(401);
      expect(await response.text()).not.toContain('Durable Agent</title>');
    }
  });

  it('never takes the token from a cookie (cookies are not scoped by port) and sets none', async () => {
    const withCookie = await fetch(`${base()}/`, { headers: { cookie: `durable_agent_token=${token}` } });
    expect(withCookie.status).toBe(401);
    const page = await fetch(server.url);
    expect(page.headers.get('set-cookie')).toBeNull();
    const socket = `ws://127.0.0.1:${server.port}/api`;
    expect(await socketStatus(socket, { cookie: `durable_agent_token=${token}` })).toBe('refused');
  });

  it('serves the page with the token; the built assets need none (they hold nothing of the user)', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Durable Agent</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const asset = await fetch(`${base()}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    for (const outside of [`${base()}/%2e%2e/secret.txt`, `${base()}/assets/..%2f..%2fsecret.txt`]) {
      expect(await (await fetch(outside)).text()).not.toContain('outside the renderer');
    }
  });

  it('refuses requests naming another host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request(server.url, { headers: { host: `evil.example:${server.port}` } }, (response) =>
        resolve(response.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(403);
  });

  it('closes sockets without the token, with a wrong token or from another origin', async () => {
    const socket = `ws://127.0.0.1:${server.port}/api`;
    expect(await socketStatus(socket)).toBe('refused');
    expect(await socketStatus(`${socket}?token=wrong`)).toBe('refused');
    expect(await socketStatus(`${socket}?token=${token}`, { origin: 'http://evil.example' })).toBe('refused');
    expect(await socketStatus(`${socket}?token=${token}`, { origin: base() })).toBe('open');
  });

  it('serves the contract over the socket: verbs answer, bad requests fail clearly, events arrive', async () => {
    const web = createWebApi({ url: `ws://127.0.0.1:${server.port}/api`, token, requestTimeoutMs: 10_000 });
    try {
      const changes: unknown[] = [];
      const off = web.api.onConversationsChanged((conversations) => changes.push(conversations));
      const created = await web.api.createConversation({ title: 'Over the socket' });
      expect(created.title).toBe('Over the socket');
      expect(await web.api.listConversations()).toEqual([expect.objectContaining({ id: created.id })]);
      await expect(
        web.api.renameConversation({ conversationId: created.id, title: '' }),
      ).rejects.toMatchObject({
        code: 'invalid-request',
      });
      await expect(web.api.loadConversation({ conversationId: 'missing' })).rejects.toMatchObject({
        code: 'not-found',
      });
      expect((await web.api.getSettings()).hasApiKey).toBe(false);
      expect(changes.length).toBeGreaterThan(0);
      off();
    } finally {
      web.close();
    }
  });

  it('refuses a request over 1 MiB in the browser transport, saying its size, and keeps the socket', async () => {
    const web = createWebApi({ url: `ws://127.0.0.1:${server.port}/api`, token, requestTimeoutMs: 10_000 });
    try {
      await expect(web.api.searchConversations({ query: 'x'.repeat(1024 * 1024) })).rejects.toMatchObject({
        code: 'invalid-request',
        message: 'searchConversations: the request is too large (1.0 MiB; at most 1 MiB)',
      });
      expect(await web.api.listWorkers()).toEqual([]);
      expect(web.state()).toBe('open');
    } finally {
      web.close();
    }
  });

  it('fails invokes in flight on a socket the host closes at once, with its reason, then reconnects', async () => {
    const web = createWebApi({ url: `ws://127.0.0.1:${server.port}/api`, token, requestTimeoutMs: 60_000 });
    try {
      await web.api.listWorkers();
      const flood = await Promise.allSettled(Array.from({ length: 700 }, () => web.api.listWorkers()));
      const reasons = flood.flatMap((result) =>
        result.status === 'rejected' ? [String(result.reason)] : [],
      );
      expect(reasons.length).toBeGreaterThan(0);
      // Past 64 waiting invokes the host answers `unavailable` at once; past the frame burst it closes.
      const closed =
        'ApiError: the host closed the connection: too many requests: at most 100 frames a second';
      const busy = 'ApiError: too many requests waiting for an answer (64); wait for them';
      expect(reasons).toContain(closed);
      expect(reasons.filter((reason) => reason !== closed && reason !== busy)).toEqual([]);
      await waitUntil(() => web.state() === 'open', 'the socket to reconnect');
      expect(await web.api.listWorkers()).toEqual([]);
    } finally {
      web.close();
    }
  });
});
