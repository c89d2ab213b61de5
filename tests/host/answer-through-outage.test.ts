import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/agent/test/support/free-port';
import type { Host } from '../../src/host/host';
import type { TemporalStatus, WorkerInfo } from '../../src/shared/models';
import { createWebApi } from '../../src/shared/web-transport';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { processExists, waitUntil } from './support/wait-until';
import { buildWebBundle } from './support/web-bundle';
import { startWebProcess, type WebProcess } from './support/web-process';

const travelPrompt = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
let bundle: Awaited<ReturnType<typeof buildWebBundle>>;
let directory: ReturnType<typeof temporaryDirectory>;
const hosts: Host[] = [];
const webProcesses: WebProcess[] = [];

beforeAll(async () => {
  bundle = await buildWebBundle();
  directory = temporaryDirectory('answer-outage');
});

// A test that failed half-way leaves no web mode holding the data folder (a retry starts clean).
afterEach(async () => {
  for (const web of webProcesses.splice(0)) {
    if (web.child.exitCode === null && web.child.signalCode === null) web.child.kill('SIGKILL');
    await web.exited;
  }
});

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  bundle?.remove();
  directory?.remove();
});

const readyWorker = async (handlers: { listWorkers(): Promise<readonly WorkerInfo[]> }) =>
  waitUntil(
    async () => (await handlers.listWorkers()).find((worker) => worker.status.state === 'ready'),
    'a ready worker',
    90_000,
  );

/** The whole plan, once: no day lost, none repeated. */
function expectWholePlanOnce(text: string): void {
  expect(text.split('Day 1:').length).toBe(2);
  expect(text).toContain('Safe travels!');
}

describe('An answer through a Temporal outage', () => {
  it('finishes once after its embedded Temporal is killed mid-answer and comes back by itself', async () => {
    const dataDir = path.join(directory.path, 'embedded');
    writeSettings(dataDir, testSettings());
    const { host, eventsOf } = await createTestHost(dataDir, {
      temporal: { kind: 'embedded', port: await freePort(), uiPort: await freePort() },
      demoModelPace: 60,
    });
    hosts.push(host);
    await host.started;
    await readyWorker(host.handlers);
    const sent = await host.handlers.sendMessage({ text: travelPrompt });
    const conversationId = sent.conversation.id;
    await waitUntil(
      async () =>
        (await host.handlers.loadConversation({ conversationId })).messages[1]!.text.includes('Day 2'),
      'the answer to reach Day 2',
    );

    const before: TemporalStatus = await host.handlers.getTemporalStatus();
    process.kill(before.pid!, 'SIGKILL');
    // The outage is shown (the panel's Temporal status); the answer is not decided while Temporal is away.
    await waitUntil(
      () =>
        eventsOf('temporalStatusChanged').find(
          (status) => status.state === 'unreachable' && status.downSince,
        ),
      'the status to show the outage',
    );

    await waitUntil(
      async () =>
        (await host.handlers.loadConversation({ conversationId })).messages[1]!.status !== 'streaming',
      'the answer to finish',
      120_000,
    );
    const detail = await host.handlers.loadConversation({ conversationId });
    expect(detail.messages[1]!.status).toBe('complete');
    expectWholePlanOnce(detail.messages[1]!.text);
    expect(detail.runs[0]!.following).toBeUndefined();
    expect(detail.timeline.filter((entry) => entry.kind === 'completed')).toHaveLength(1);
    expect(await host.handlers.getTemporalStatus()).toMatchObject({ state: 'ready', restarts: 1 });
  }, 180_000);

  it('finishes once when the host was killed while Temporal was down, once both are back', async () => {
    const dataDir = path.join(directory.path, 'host-killed');
    writeSettings(dataDir, testSettings());
    const port = await freePort();
    // 1. Web mode with its embedded Temporal streams an answer…
    const web = await startWebProcess(bundle.main, [
      '--data-dir',
      dataDir,
      '--temporal-port',
      String(port),
      '--demo-pace',
      '60',
    ]);
    webProcesses.push(web);
    const client = createWebApi({
      url: `ws://127.0.0.1:${web.url.port}/api`,
      token: web.token,
      requestTimeoutMs: 30_000,
    });
    await readyWorker(client.api).catch((error: unknown) => {
      client.close();
      throw new Error(`${String(error)}; web mode said: ${web.output.slice(-20).join(' | ')}`);
    });
    const sent = await client.api.sendMessage({ text: travelPrompt });
    const conversationId = sent.conversation.id;
    await waitUntil(
      async () => (await client.api.loadConversation({ conversationId })).messages[1]!.text.includes('Day 2'),
      'the answer to reach Day 2',
    );
    const temporal: TemporalStatus = await client.api.getTemporalStatus();

    // 2. …Temporal dies, and the host with it before it could bring Temporal back.
    process.kill(temporal.pid!, 'SIGKILL');
    web.child.kill('SIGKILL');
    await web.exited;
    client.close();
    await waitUntil(() => !processExists(temporal.pid!), 'Temporal to be gone', 10_000);

    // 3. The host starts again: its Temporal comes back on the same database, the run finishes, once.
    const second = await createTestHost(dataDir, { temporal: { kind: 'embedded', port } });
    hosts.push(second.host);
    expect(await second.host.started).toEqual({ resumed: 1, orphaned: 0 });
    await waitUntil(
      async () =>
        (await second.host.handlers.loadConversation({ conversationId })).messages[1]!.status !== 'streaming',
      'the answer to finish',
      120_000,
    );
    const detail = await second.host.handlers.loadConversation({ conversationId });
    expect(detail.messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expectWholePlanOnce(detail.messages[1]!.text);
    expect(detail.timeline.filter((entry) => entry.kind === 'completed')).toHaveLength(1);
  }, 240_000);
});
