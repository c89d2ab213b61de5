import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from '../cli/support/cli-process';
import { Scenario } from '../cli/support/scenario';
import { type ServeProcess, startServe } from './support/serve-process';
import { postAndRead, postJson } from './support/sse-frames';
import { userMessage } from './support/stock-client';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

let scenario: Scenario;
let serve: ServeProcess;

beforeAll(async () => {
  assertLibraryBuilt();
  scenario = await Scenario.create({ pace: 40 });
  await scenario.startWorker();
  serve = await startServe(scenario);
});
afterAll(() => scenario?.close());

function input(prompt = 'hello') {
  return { threadId: randomUUID(), runId: randomUUID(), messages: [userMessage('u1', prompt)] };
}

/** A POST with exactly the headers given (a browser page's `no-cors` fetch, a rebound DNS name). */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('durable-agent serve without a token: what a web page on another site can do', () => {
  it('says at start-up what an untokened loopback server allows', async () => {
    await serve.process.waitFor(/No token: /, { timeoutMs: 10_000 });
    expect(serve.process.stdout).toContain(
      'No token: every program and user on this machine can start, read and cancel runs here. Web pages of other sites cannot',
    );
  });

  it('a body without Content-Type (a no-cors Blob POST) or as text/plain starts nothing: 415', async () => {
    const body = JSON.stringify(input());
    const bare = await rawPost(serve.url, {}, body);
    expect(bare.status).toBe(415);
    expect(JSON.parse(bare.body)).toMatchObject({
      error: { code: 'unsupported-media-type', message: expect.stringContaining('Content-Type') },
    });
    const text = await rawPost(serve.url, { 'Content-Type': 'text/plain' }, body);
    expect(text.status).toBe(415);
  });

  it('a foreign Host (DNS rebinding) or Origin: 403, even for a JSON body', async () => {
    const body = JSON.stringify(input());
    const rebound = await rawPost(
      serve.url,
      { 'Content-Type': 'application/json', Host: `attacker.example:${new URL(serve.url).port}` },
      body,
    );
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'forbidden' } });
    const foreign = await postJson(serve.url, input(), { Origin: 'https://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining('origin') },
    });
  });

  it('a cancel without a JSON body is refused (415) and the run goes on; with {} it cancels', async () => {
    const body = input(TRAVEL_PROMPT);
    const reading = postAndRead(serve.url, { body });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const cancelUrl = `${serve.url}/runs/${body.runId}/cancel`;
    expect((await rawPost(cancelUrl, {})).status).toBe(415);
    expect((await rawPost(cancelUrl, { 'Content-Type': 'text/plain' }, '{}')).status).toBe(415);
    const cancel = await postJson(cancelUrl, {});
    expect(cancel.status).toBe(202);
    const { frames } = await reading;
    expect(frames.at(-1)?.event).toMatchObject({ type: 'RUN_FINISHED', outcome: { type: 'cancelled' } });
  });

  it('a request of the page of the server itself (its own Origin) is served', async () => {
    const own = new URL(serve.url).origin;
    const streamed = await postAndRead(serve.url, { body: input(), headers: { Origin: own } });
    expect(streamed.frames.at(-1)?.event.type).toBe('RUN_FINISHED');
  });
});

describe('durable-agent serve: odd requests are the client’s mistake (400), not the server’s (500)', () => {
  it('tools[0].parameters nested 8,000 deep: 400', async () => {
    const parameters = `${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}`;
    const body = JSON.stringify({
      ...input(),
      tools: [{ name: 'deep', description: 'x', parameters: '__PARAMETERS__' }],
    }).replace('"__PARAMETERS__"', parameters);
    const answer = await postJson(serve.url, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringContaining('deeper') },
    });
  });

  it('a cancel path with a bad escape (/agent/runs/%zz/cancel): 400', async () => {
    const answer = await postJson(`${serve.url}/runs/%zz/cancel`, {});
    expect(answer.status).toBe(400);
  });

  it('Last-Event-ID: -5 is not an id this server sent: 400', async () => {
    const answer = await postJson(serve.url, input(), { 'Last-Event-ID': '-5' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it('none of the refused requests reached the model beyond the runs they were meant to', () => {
    // the cancelled travel plan and the own-origin run: two runs, one model call each
    expect(scenario.model.requestCount).toBe(2);
  });
});

describe('durable-agent serve: streams that are never read', () => {
  it('holds at most 100 streams at once (503 beyond) and stays small with 120 sockets that never read', async () => {
    const body = JSON.stringify(input(TRAVEL_PROMPT));
    const { port } = new URL(serve.url);
    const before = residentMegabytes(serve.process.pid);
    const sockets: Socket[] = [];
    const statuses = await Promise.all(
      Array.from({ length: 120 }, () => openUnreadStream(Number(port), body, sockets)),
    );
    try {
      expect(statuses.filter((status) => status === 200)).toHaveLength(100);
      expect(statuses.filter((status) => status === 503)).toHaveLength(20);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect(residentMegabytes(serve.process.pid) - before).toBeLessThan(200);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 60_000);
});

/** Sends a POST, reads only its status line, then never reads again. */
function openUnreadStream(port: number, body: string, sockets: Socket[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.setEncoding('latin1');
    socket.once('data', (chunk: string) => {
      socket.pause();
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk)?.[1] ?? 0));
    });
    socket.once('error', reject);
    socket.write(
      `POST /agent HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

function residentMegabytes(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
