import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { invokeOver, openSocket, rawExchange, rawGet, statusCodes } from './support/raw-sockets';
import { temporaryDirectory } from './support/temporary-directory';
import { testSettings, writeSettings } from './support/test-host';
import { processExists } from './support/wait-until';
import { buildWebBundle } from './support/web-bundle';
import { startWebProcess, type WebProcess } from './support/web-process';

let bundle: Awaited<ReturnType<typeof buildWebBundle>>;
let directory: ReturnType<typeof temporaryDirectory>;
let web: WebProcess;
let port: number;

beforeAll(async () => {
  bundle = await buildWebBundle();
  directory = temporaryDirectory('web-hardening');
  const renderer = path.join(directory.path, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Durable Agent</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("app")');
  const dataDir = path.join(directory.path, 'data');
  writeSettings(dataDir, testSettings());
  web = await startWebProcess(bundle.main, [
    '--data-dir',
    dataDir,
    '--temporal-address',
    inject('temporalAddress'),
    '--workers',
    '0',
    '--renderer',
    renderer,
  ]);
  port = Number(web.url.port);
}, 120_000);

afterAll(async () => {
  if (web && processExists(web.child.pid!)) {
    web.child.kill('SIGTERM');
    await web.exited;
  }
  bundle?.remove();
  directory?.remove();
});

/** The web mode process is alive and still answers: its page with the token, and an invoke. */
async function expectHostAnswers(): Promise<void> {
  expect(processExists(web.child.pid!), web.output.join('\n')).toBe(true);
  expect((await fetch(web.url)).status).toBe(200);
  const open = await openSocket(port, web.token);
  try {
    expect(await invokeOver(open, 1, 'listConversations')).toMatchObject({ ok: true, value: [] });
  } finally {
    open.socket.close();
  }
}

describe('web mode under bad input', () => {
  it('answers 401 to a cookie that is not URL-encoded (durable_agent_token=%) and lives on', async () => {
    for (const cookie of ['durable_agent_token=%', `durable_agent_token=${web.token}`, '%%%; =; ;;']) {
      const response = await fetch(`${web.url.origin}/`, { headers: { cookie } });
      expect(response.status, cookie).toBe(401);
    }
    await expectHostAnswers();
  });

  it('refuses bad tokens with 401: wrong, empty, a prefix, malformed escapes, a huge one (431)', async () => {
    for (const token of ['wrong', '', web.token.slice(0, -1), `${web.token}x`, '%', '%E0%A4%A', '\u00e9']) {
      const response = await fetch(`${web.url.origin}/?token=${token}`);
      expect(response.status, token).toBe(401);
    }
    const huge = await rawExchange(port, rawGet(port, `/?token=${'a'.repeat(64 * 1024)}`));
    expect(statusCodes(huge.text)).toEqual([431]);
    await expectHostAnswers();
  });

  it('answers 400 to a path with a malformed escape, and serves no file outside the renderer', async () => {
    const malformed = await rawExchange(port, rawGet(port, `/%zz?token=${web.token}`), 300);
    expect(statusCodes(malformed.text)).toEqual([400]);
    const nul = await rawExchange(port, rawGet(port, `/assets/%00.js`), 300);
    expect(statusCodes(nul.text)).toEqual([400]);
    const garbage = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(statusCodes(garbage.text)).toEqual([400]);
    await expectHostAnswers();
  });

  it('closes a socket that sends a frame over 1 MiB with 1009 (Message Too Big); the host lives', async () => {
    const open = await openSocket(port, web.token);
    open.socket.send('x'.repeat(1024 * 1024 + 1));
    expect((await open.closed).code).toBe(1009);
    await expectHostAnswers();
  });

  it('closes a socket that sends frames that are not invokes with 1003 and a reason', async () => {
    const cases: [string | Buffer, RegExp][] = [
      ['{not json', /not JSON/],
      [Buffer.from([1, 2, 3]), /binary frames are not accepted/],
      ['{"type":"invoke"}', /expected \{"type":"invoke","id"/],
      ['null', /expected/],
    ];
    for (const [data, reason] of cases) {
      const open = await openSocket(port, web.token);
      open.socket.send(data);
      const closed = await open.closed;
      expect(closed.code).toBe(1003);
      expect(closed.reason).toMatch(reason);
    }
    await expectHostAnswers();
  });

  it('answers unknown channels and invalid payloads with clear errors, and the socket stays open', async () => {
    const open = await openSocket(port, web.token);
    try {
      expect(await invokeOver(open, 1, 'dropDatabase')).toMatchObject({
        ok: false,
        error: { code: 'unknown-channel', message: 'no channel "dropDatabase"' },
      });
      expect(await invokeOver(open, 2, 'toString')).toMatchObject({ error: { code: 'unknown-channel' } });
      expect(await invokeOver(open, 3, 'renameConversation', { conversationId: 7 })).toMatchObject({
        ok: false,
        error: {
          code: 'invalid-request',
          message: expect.stringMatching(/^invalid renameConversation request/),
        },
      });
      expect(await invokeOver(open, 4, 'sendMessage', { text: '   ' })).toMatchObject({
        error: { code: 'invalid-request', message: expect.stringContaining('the message is empty') },
      });
      open.socket.send(JSON.stringify({ type: 'subscribe', id: 5, name: 42 }));
      expect(await invokeOver(open, 6, 'listConversations')).toMatchObject({ ok: true });
      expect(open.frames).toContainEqual(
        expect.objectContaining({
          id: 5,
          ok: false,
          error: expect.objectContaining({ code: 'invalid-request' }),
        }),
      );
    } finally {
      open.socket.close();
    }
    await expectHostAnswers();
  });

  it('closes a socket that floods frames with 1008; other sockets and the host go on', async () => {
    const bystander = await openSocket(port, web.token);
    const flooder = await openSocket(port, web.token);
    const frame = JSON.stringify({ type: 'invoke', id: 1, name: 'noSuchChannel' });
    for (let index = 0; index < 1000; index++) flooder.socket.send(frame);
    const closed = await flooder.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/too many requests/);
    expect(await invokeOver(bystander, 1, 'listWorkers')).toMatchObject({ ok: true });
    bystander.socket.close();
    await expectHostAnswers();
  });

  it('answers 429 and closes a connection that pipelines a flood of requests', async () => {
    const flood = Array.from({ length: 300 }, () => rawGet(port, '/assets/app.js')).join('');
    const exchange = await rawExchange(port, flood);
    const codes = statusCodes(exchange.text);
    expect(codes.filter((code) => code === 200).length).toBeGreaterThan(0);
    expect(codes.at(-1)).toBe(429);
    expect(codes.length).toBeLessThan(300);
    expect(exchange.closedByServer).toBe(true);
    await expectHostAnswers();
  });

  it('survives connections reset in the middle of a request and of a socket upgrade', async () => {
    const upgrade = [
      `GET /api?token=${web.token} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n');
    for (const data of [upgrade, upgrade.replace(web.token, 'wrong'), 'GET / HTTP/1.1\r\nHost: x']) {
      await new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(data);
          socket.resetAndDestroy();
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectHostAnswers();
    expect(web.output.join('\n')).not.toMatch(/uncaught|Unhandled/i);
  });
});
