import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AgentError } from '../src/common/errors';
import { isTemporalReachable } from '../src/dev-server/is-temporal-reachable';
import { TemporalDevServer } from '../src/dev-server/temporal-dev-server';
import type { longSleep } from './fixtures/round-trip-workflows';
import { connectClient, temporalAddress } from './support/temporal-connection';
import { uniqueTaskQueue } from './support/unique-task-queue';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-dev-server-'));
const servers: TemporalDevServer[] = [];
const blockers: net.Server[] = [];
const blockerSockets = new Set<net.Socket>();

/** Starts a server that `afterEach` stops whatever the test does. */
async function start(options: Parameters<typeof TemporalDevServer.start>[0]): Promise<TemporalDevServer> {
  const server = await TemporalDevServer.start({ headless: true, ...options });
  servers.push(server);
  return server;
}

/** A plain TCP server that accepts connections and says nothing: not Temporal. */
async function occupyPort(): Promise<number> {
  const blocker = net.createServer((socket) => {
    blockerSockets.add(socket);
    socket.on('error', () => undefined);
  });
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as net.AddressInfo).port;
}

/** Processes whose command line mentions `text` (e.g. a test's unique db file). */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function rejection(promise: Promise<unknown>): Promise<AgentError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AgentError);
  return error as AgentError;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  for (const socket of blockerSockets) socket.destroy();
  blockerSockets.clear();
  await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('TemporalDevServer', () => {
  it('starts on free ports, answers, and is gone after stop', async () => {
    const server = await start({ port: 0, uiPort: 0, headless: false });

    expect(server.reused).toBe(false);
    expect(server.pid).toBeTypeOf('number');
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await isTemporalReachable(server.address)).toBe(true);
    const ui = await fetch(server.uiUrl!, { signal: AbortSignal.timeout(5000) });
    expect(ui.ok).toBe(true);

    await server.stop();
    expect(server.status).toBe('exited');
    expect(await isTemporalReachable(server.address, 1000)).toBe(false);
    expect(() => process.kill(server.pid!, 0)).toThrow();
  });

  it('reuses a server already answering on the address instead of starting another', async () => {
    const port = Number(temporalAddress().split(':').pop());

    const server = await start({ port });

    expect(server.reused).toBe(true);
    expect(server.pid).toBeUndefined();
    expect(server.address).toBe(temporalAddress());
    await server.stop();
    expect(await isTemporalReachable(temporalAddress())).toBe(true);
  });

  it('creates and waits for a namespace other than default', async () => {
    const server = await start({ port: 0, namespace: 'agents-test' });

    const { client, connection } = await connectClient(server.address);
    try {
      const namespace = await client.workflowService.describeNamespace({ namespace: 'agents-test' });
      expect(namespace.namespaceInfo?.name).toBe('agents-test');
    } finally {
      await connection.close();
    }
  });

  it('says the port is in use when another program holds it', async () => {
    const port = await occupyPort();

    const error = await rejection(TemporalDevServer.start({ port, headless: true }));

    expect(error.code).toBe('port-in-use');
    expect(error.message).toContain(`port ${port} is in use by another program`);
  });

  it('says the UI port is in use when another program holds it', async () => {
    const uiPort = await occupyPort();

    const error = await rejection(TemporalDevServer.start({ port: 0, uiPort }));

    expect(error.code).toBe('port-in-use');
    expect(error.message).toContain(`port ${uiPort}`);
  });

  it('names the missing binary when the Temporal CLI does not exist', async () => {
    const cliPath = path.join(directory, 'no-such-dir', 'temporal');

    const error = await rejection(TemporalDevServer.start({ port: 0, cliPath }));

    expect(error.code).toBe('temporal-cli-not-found');
    expect(error.message).toContain(cliPath);
    expect(error.message).toContain('scripts/ensure-temporal.sh');
  });

  it('names the database file when it is corrupt, and leaves no process behind', async () => {
    const dbFile = path.join(directory, 'corrupt.db');
    writeFileSync(dbFile, Buffer.alloc(64 * 1024, 'this is not sqlite '));

    const error = await rejection(TemporalDevServer.start({ port: 0, dbFile }));

    expect(error.code).toBe('dev-server-database');
    expect(error.message).toContain(`Temporal dev server could not open its database ${dbFile}`);
    expect(error.message).toContain('file is not a database');
    expect(processesMentioning(dbFile)).toEqual([]);
  });

  it('times out clearly and kills the server it started', async () => {
    const dbFile = path.join(directory, `timeout-${Date.now()}.db`);

    const error = await rejection(TemporalDevServer.start({ port: 0, dbFile, startTimeoutMs: 50 }));

    expect(error.code).toBe('dev-server-timeout');
    expect(error.message).toMatch(/did not answer at 127\.0\.0\.1:\d+ within 50 ms/);
    expect(processesMentioning(dbFile)).toEqual([]);
  });

  it('rejects invalid options before starting anything', async () => {
    const error = await rejection(TemporalDevServer.start({ port: 70_000 }));

    expect(error.code).toBe('invalid-options');
    expect(error.message).toContain('70000');
  });

  it('keeps a running workflow across a restart on the same db file', async () => {
    const dbFile = path.join(directory, 'persistent', 'temporal.db');
    const workflowId = uniqueTaskQueue('persistent-sleep');

    const first = await start({ port: 0, dbFile });
    expect(first.dbFile).toBe(dbFile);
    const before = await connectClient(first.address);
    try {
      await before.client.workflow.start<typeof longSleep>('longSleep', {
        taskQueue: uniqueTaskQueue('no-worker'),
        workflowId,
        args: [{ hours: 24 }],
      });
    } finally {
      await before.connection.close();
    }
    await first.stop();
    expect(await isTemporalReachable(first.address, 1000)).toBe(false);

    const second = await start({ port: 0, dbFile });
    const after = await connectClient(second.address);
    try {
      const description = await after.client.workflow.getHandle(workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      expect(description.type).toBe('longSleep');
    } finally {
      await after.connection.close();
    }
  });
});

describe('isTemporalReachable', () => {
  it('is false at once for a closed port', async () => {
    const port = await occupyPort();
    await new Promise((resolve) => blockers.pop()?.close(resolve));

    const startedAt = Date.now();
    expect(await isTemporalReachable(`127.0.0.1:${port}`)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('is false within its timeout for a program that accepts connections and says nothing', async () => {
    const port = await occupyPort();

    const startedAt = Date.now();
    expect(await isTemporalReachable(`127.0.0.1:${port}`, 1000)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(3000);
  });
});
