import { TemporalDevServer } from 'durable-agent';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/agent/test/support/free-port';
import { ApiError } from '../../src/shared/api-error';
import type { TemporalStatus, WorkerInfo } from '../../src/shared/models';
import { workflowStatus } from './support/temporal-cli';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { processExists, waitUntil } from './support/wait-until';

const directories: ReturnType<typeof temporaryDirectory>[] = [];
afterAll(() => {
  for (const directory of directories) directory.remove();
});
function dataDirectory(): string {
  const directory = temporaryDirectory('temporal-outage');
  directories.push(directory);
  return directory.path;
}

const readyWorkers = async (handlers: { listWorkers(): Promise<readonly WorkerInfo[]> }) =>
  (await handlers.listWorkers()).filter((worker) => worker.status.state === 'ready');

describe('Host with the embedded Temporal', () => {
  it('survives a kill -9 of its Temporal: unavailable while down, then back on the same database', async () => {
    const dataDir = dataDirectory();
    writeSettings(dataDir, testSettings());
    const { host, output, eventsOf } = await createTestHost(dataDir, {
      temporal: { kind: 'embedded', port: await freePort(), uiPort: await freePort() },
    });
    try {
      await host.started;
      await waitUntil(async () => (await readyWorkers(host.handlers)).length === 1, 'a ready worker', 90_000);
      const first = await host.handlers.sendMessage({ text: 'Hello from remote agent!' });
      await host.idle();
      const before = await host.handlers.getTemporalStatus();
      expect(before).toMatchObject({ state: 'ready', restarts: 0 });

      // Sent the moment Temporal is seen down, so the answer cannot depend on how fast it comes back.
      let sentWhileDown: Promise<unknown> | undefined;
      host.events.on('temporalStatusChanged', (status) => {
        if (status.state === 'unreachable' && !sentWhileDown) {
          sentWhileDown = host.handlers
            .sendMessage({ conversationId: first.conversation.id, text: 'Are you there?' })
            .catch((error: unknown) => error);
        }
      });
      process.kill(before.pid as number, 'SIGKILL');

      const down = await waitUntil(
        () => eventsOf('temporalStatusChanged').find((status) => status.state === 'unreachable'),
        'the status to say Temporal is unreachable',
      );
      expect(Date.parse(down.downSince ?? '')).toBeLessThanOrEqual(Date.now());
      const refused = await sentWhileDown;
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({ code: 'unavailable', message: 'Temporal unreachable — reconnecting' });

      const back = await waitUntil(
        async () => {
          const status: TemporalStatus = await host.handlers.getTemporalStatus();
          return status.state === 'ready' && status;
        },
        'Temporal to be back',
        60_000,
      );
      expect(back).toMatchObject({ restarts: 1, address: before.address });
      expect(back.downSince).toBeUndefined();
      expect(processExists(back.pid as number)).toBe(true);
      // The same database: the workflow of the answer given before the crash is still there.
      expect(await workflowStatus(back.address, first.run.workflowId)).toBe(
        'WORKFLOW_EXECUTION_STATUS_COMPLETED',
      );

      await waitUntil(
        async () => (await readyWorkers(host.handlers)).length === 1,
        `the worker to be ready again (${output.slice(-5).join(' | ')})`,
      );
      const second = await host.handlers.sendMessage({
        conversationId: first.conversation.id,
        text: 'Are you there?',
      });
      await host.idle();
      const detail = await host.handlers.loadConversation({ conversationId: second.conversation.id });
      expect(detail.messages.map((message) => [message.role, message.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'complete'],
        ['user', 'complete'],
        ['assistant', 'complete'],
      ]);
    } finally {
      await host.close();
    }
  });
});

describe('Host with an external Temporal', () => {
  it('down at start-up: refuses Send clearly, keeps its workers trying, and works once Temporal is up', async () => {
    const port = await freePort();
    const dataDir = dataDirectory();
    writeSettings(dataDir, testSettings());
    const { host, output } = await createTestHost(dataDir, {
      temporal: { kind: 'external', address: `127.0.0.1:${port}` },
    });
    let server: TemporalDevServer | undefined;
    try {
      const down = await waitUntil(async () => {
        const status = await host.handlers.getTemporalStatus();
        return status.state !== 'starting' && status;
      }, 'the first probe of the external Temporal');
      expect(down).toMatchObject({ state: 'unreachable', source: 'external' });
      expect(down.downSince).toBeDefined();
      await expect(host.handlers.sendMessage({ text: 'Hello?' })).rejects.toMatchObject({
        code: 'unavailable',
        message: 'Temporal unreachable — reconnecting',
      });
      await waitUntil(
        async () => (await host.handlers.listWorkers()).some((worker) => worker.restartAt !== undefined),
        `a worker waiting to be started again (${output.slice(-5).join(' | ')})`,
      );

      server = await TemporalDevServer.start({ port, headless: true });
      await waitUntil(
        async () => (await readyWorkers(host.handlers)).length === 1,
        `the worker to be ready once Temporal is up (${output.slice(-5).join(' | ')})`,
        90_000,
      );
      const sent = await host.handlers.sendMessage({ text: 'Hello from remote agent!' });
      await host.idle();
      const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
      expect(detail.messages.map((message) => message.status)).toEqual(['complete', 'complete']);
    } finally {
      await host.close();
      await server?.stop();
    }
  });
});
