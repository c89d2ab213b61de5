import { existsSync } from 'node:fs';
import path from 'node:path';
import { TemporalDevServer } from 'durable-agent';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/agent/test/support/free-port';
import { TemporalService } from '../../src/host/temporal/temporal-service';
import type { TemporalStatus } from '../../src/shared/models';
import { startIdleWorkflow, workflowStatus } from './support/temporal-cli';
import { temporaryDirectory } from './support/temporary-directory';
import { processExists, waitUntil } from './support/wait-until';

const directory = temporaryDirectory('temporal-restart');
afterAll(() => directory.remove());

describe('TemporalService (embedded)', () => {
  it('restarts the dev server on the same port and database after a kill -9, and says it was down', async () => {
    const statuses: TemporalStatus[] = [];
    const lines: string[] = [];
    const port = await freePort();
    const service = new TemporalService({
      dataDir: directory.path,
      target: { kind: 'embedded', port, uiPort: await freePort() },
      onStatus: (status) => statuses.push(status),
      onLog: (line) => lines.push(line),
    });
    try {
      const address = await service.ready;
      const first = service.status();
      expect(first).toMatchObject({ state: 'ready', restarts: 0, address: `127.0.0.1:${port}` });
      expect(first.downSince).toBeUndefined();
      const pid = first.pid as number;
      expect(processExists(pid)).toBe(true);
      await startIdleWorkflow(address, 'before-the-crash');

      process.kill(pid, 'SIGKILL');

      const down = await waitUntil(
        () => statuses.find((status) => status.state === 'unreachable'),
        'the status to say Temporal is unreachable',
      );
      expect(down.error).toMatch(/was killed \(SIGKILL\)/);
      expect(Date.parse(down.downSince ?? '')).toBeLessThanOrEqual(Date.now());
      const back = await waitUntil(
        () => (service.status().state === 'ready' ? service.status() : undefined),
        'the dev server to be back',
        60_000,
      );
      expect(back).toMatchObject({ restarts: 1, address: `127.0.0.1:${port}` });
      expect(back.downSince).toBeUndefined();
      expect(back.pid).not.toBe(pid);
      expect(statuses.map((status) => status.state)).toEqual(
        expect.arrayContaining(['ready', 'unreachable', 'starting']),
      );
      expect(existsSync(path.join(directory.path, 'temporal.db'))).toBe(true);
      expect(await workflowStatus(address, 'before-the-crash')).toBe('WORKFLOW_EXECUTION_STATUS_RUNNING');
      // The terminal (`npm run web`, the app's log): one line as the outage starts, one as it ends.
      const outageLines = lines.filter((line) => /^Temporal (unreachable|is back)/.test(line));
      expect(outageLines).toEqual([
        expect.stringMatching(
          /^Temporal unreachable: .*was killed \(SIGKILL\) — runs wait for it and go on when it is back$/,
        ),
        expect.stringMatching(new RegExp(`^Temporal is back at 127\\.0\\.0\\.1:${port} after \\d+ s$`)),
      ]);
    } finally {
      await service.close();
    }
    expect(service.status()).toMatchObject({ state: 'stopped' });
  });
});

describe('TemporalService (external)', () => {
  it('says an external Temporal that goes away is unreachable since then, and ready once it is back', async () => {
    const port = await freePort();
    let server = await TemporalDevServer.start({ port, headless: true });
    const service = new TemporalService({
      dataDir: directory.path,
      target: { kind: 'external', address: `127.0.0.1:${port}` },
      onStatus: () => undefined,
      monitorIntervalMs: 500,
    });
    try {
      await service.ready;
      expect(service.status()).toMatchObject({ state: 'ready', restarts: 0 });
      await server.stop();
      const down = await waitUntil(
        () => (service.status().state === 'unreachable' ? service.status() : undefined),
        'the status to say Temporal is unreachable',
      );
      expect(Date.parse(down.downSince ?? '')).toBeLessThanOrEqual(Date.now());
      server = await TemporalDevServer.start({ port, headless: true });
      const back = await waitUntil(
        () => (service.status().state === 'ready' ? service.status() : undefined),
        'the external Temporal to be seen back',
      );
      expect(back.downSince).toBeUndefined();
      // Not ours: the app never restarts an external Temporal.
      expect(back.restarts).toBe(0);
    } finally {
      await service.close();
      await server.stop();
    }
  });

  it('says since when an external Temporal is down and sees it back by probing more often meanwhile', async () => {
    const port = await freePort();
    const service = new TemporalService({
      dataDir: directory.path,
      target: { kind: 'external', address: `127.0.0.1:${port}` },
      onStatus: () => undefined,
      // Only the probes while down (default every second) can see it back before the test times out.
      monitorIntervalMs: 10 * 60_000,
    });
    let server: TemporalDevServer | undefined;
    try {
      await service.ready;
      const down = service.status();
      expect(down).toMatchObject({ state: 'unreachable', source: 'external', restarts: 0 });
      expect(Date.parse(down.downSince ?? '')).toBeLessThanOrEqual(Date.now());

      server = await TemporalDevServer.start({ port, headless: true });
      const back = await waitUntil(
        () => (service.status().state === 'ready' ? service.status() : undefined),
        'the external Temporal to be seen back',
      );
      expect(back.downSince).toBeUndefined();
    } finally {
      await service.close();
      await server?.stop();
    }
  });
});
