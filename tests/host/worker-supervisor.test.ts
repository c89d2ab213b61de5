import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TemporalDevServer } from 'durable-agent';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../packages/agent/test/support/free-port';
import { childProcessLauncher } from '../../src/host/workers/child-process-launcher';
import { type WorkerEventRecord, WorkerSupervisor } from '../../src/host/workers/worker-supervisor';
import type { WorkerInfo } from '../../src/shared/models';
import { processExists, waitUntil } from './support/wait-until';
import { workerEntry } from './support/worker-entry';

const output: string[] = [];

function createSupervisor(graceMs = 5000, temporalAddress = inject('temporalAddress')) {
  const changes: WorkerInfo[][] = [];
  const events: WorkerEventRecord[] = [];
  const supervisor = new WorkerSupervisor({
    launcher: childProcessLauncher({ entry: workerEntry, onOutput: (line) => output.push(line) }),
    runtimeConfig: () => ({
      agentName: 'assistant',
      temporalAddress,
      namespace: 'default',
      modelBaseUrl: 'http://127.0.0.1:9/v1',
      modelName: 'demo',
      apiKey: 'secret-key-for-test',
    }),
    defaultTaskQueue: () => `supervisor-${randomUUID().slice(0, 8)}`,
    graceMs,
    onChange: (workers) => changes.push([...workers]),
    onEvent: (event) => events.push(event),
  });
  return { supervisor, changes, events };
}

let current: WorkerSupervisor | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
  output.length = 0;
});

async function readyWorker(
  supervisor: WorkerSupervisor,
  workerId: string,
): Promise<WorkerInfo & { pid: number }> {
  const info = await waitUntil(
    () => {
      const worker = supervisor.info(workerId);
      return worker.status.state === 'ready' && worker.pid !== undefined ? worker : undefined;
    },
    `${workerId} to be ready (output: ${output.join(' | ')})`,
    90_000,
  );
  return info as WorkerInfo & { pid: number };
}

describe('WorkerSupervisor', () => {
  it('starts a worker process that reports ready with its pid, task queue and start time', async () => {
    const { supervisor, changes } = createSupervisor();
    current = supervisor;
    const added = supervisor.add();
    expect(added.status).toEqual({ state: 'starting' });
    const ready = await readyWorker(supervisor, added.id);
    expect(processExists(ready.pid)).toBe(true);
    expect(ready.label).toBe('Worker 1');
    expect(ready.taskQueue).toMatch(/^supervisor-/);
    expect(Date.parse(ready.startedAt ?? '')).toBeLessThanOrEqual(Date.now());
    expect(changes.map((workers) => workers[0]?.status.state)).toContain('ready');
    expect(output.join('\n')).not.toContain('secret-key-for-test');
  });

  it("starts its worker processes lean: small V8 semi-spaces, V8's gc (to compact when idle) and two malloc arenas", async () => {
    const { supervisor } = createSupervisor();
    current = supervisor;
    const { pid } = await readyWorker(supervisor, supervisor.add().id);
    const nulSeparated = (file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0');
    expect(nulSeparated('cmdline')).toContain('--max-semi-space-size=8');
    expect(nulSeparated('cmdline')).toContain('--expose-gc');
    expect(nulSeparated('cmdline')).toContain('--no-flush-bytecode');
    expect(nulSeparated('environ')).toContain('MALLOC_ARENA_MAX=2');
  });

  it('kills a worker with SIGKILL: the OS process is gone and the status says so', async () => {
    const { supervisor } = createSupervisor();
    current = supervisor;
    const { id } = supervisor.add();
    const { pid } = await readyWorker(supervisor, id);
    const killed = await supervisor.kill(id);
    expect(killed.status).toEqual({ state: 'exited', code: null, signal: 'SIGKILL' });
    expect(killed.pid).toBeUndefined();
    expect(processExists(pid)).toBe(false);
    // Kill -9 from the UI leaves it down until Restart: no restart is pending.
    expect(killed.restartAt).toBeUndefined();
  });

  it('leaves a worker stopped from outside (SIGTERM, answered by stopping) down, like a Stop', async () => {
    const { supervisor } = createSupervisor();
    current = supervisor;
    const { id } = supervisor.add();
    const { pid } = await readyWorker(supervisor, id);
    process.kill(pid, 'SIGTERM');
    const ended = await waitUntil(
      () => (supervisor.info(id).status.state === 'exited' ? supervisor.info(id) : undefined),
      'the worker to exit',
    );
    expect(ended.status).toEqual({ state: 'exited', code: 0, signal: null });
    expect(ended.restartAt).toBeUndefined();
  });

  it('keeps a worker down when it is stopped while it waits to be started again', async () => {
    const { supervisor } = createSupervisor(5000, `127.0.0.1:${await freePort()}`);
    current = supervisor;
    const { id } = supervisor.add();
    await waitUntil(() => supervisor.info(id).restartAt, 'the worker to fail and wait for a restart');
    const stopped = await supervisor.stop(id);
    expect(stopped.restartAt).toBeUndefined();
    expect(stopped.status.state).toBe('exited');
  });

  it('keeps starting a worker that cannot reach Temporal, with backoff, until Temporal answers', async () => {
    const port = await freePort();
    const { supervisor, events } = createSupervisor(5000, `127.0.0.1:${port}`);
    current = supervisor;
    const { id } = supervisor.add();
    const waiting = await waitUntil(
      () => (supervisor.info(id).restartAt !== undefined ? supervisor.info(id) : undefined),
      `the worker to fail and wait for a restart (output: ${output.join(' | ')})`,
    );
    expect(waiting.status).toMatchObject({ state: 'exited', code: 1 });
    expect(waiting.lastError).toMatch(/127\.0\.0\.1:\d+/);
    await waitUntil(
      () => events.filter((event) => event.kind === 'started').length >= 2,
      'the worker to be started again',
    );

    const server = await TemporalDevServer.start({ port, headless: true });
    try {
      const ready = await readyWorker(supervisor, id);
      expect(ready.restartAt).toBeUndefined();
      expect(events.filter((event) => event.kind === 'exited').at(0)?.detail).toMatch(/^crashed/);
    } finally {
      await supervisor.close();
      await server.stop();
    }
  });

  it('stops a worker gracefully: it passes through stopping and exits by itself with code 0', async () => {
    const { supervisor, changes } = createSupervisor();
    current = supervisor;
    const { id } = supervisor.add();
    const { pid } = await readyWorker(supervisor, id);
    const stopped = await supervisor.stop(id);
    expect(stopped.status).toEqual({ state: 'exited', code: 0, signal: null });
    expect(processExists(pid)).toBe(false);
    expect(changes.map((workers) => workers[0]?.status.state)).toContain('stopping');
  });

  it('forces a stop with SIGKILL when the worker does not exit within the grace period', async () => {
    const { supervisor } = createSupervisor(1);
    current = supervisor;
    const { id } = supervisor.add();
    const { pid } = await readyWorker(supervisor, id);
    const stopped = await supervisor.stop(id);
    expect(stopped.status.state).toBe('exited');
    expect(processExists(pid)).toBe(false);
  });

  it('restarts a worker as a new process and moves it to another task queue', async () => {
    const { supervisor } = createSupervisor();
    current = supervisor;
    const { id } = supervisor.add();
    const first = await readyWorker(supervisor, id);
    await supervisor.restart(id);
    const second = await readyWorker(supervisor, id);
    expect(second.pid).not.toBe(first.pid);
    expect(processExists(first.pid)).toBe(false);
    expect(processExists(second.pid)).toBe(true);

    await supervisor.setTaskQueue(id, 'wrong-queue');
    const third = await readyWorker(supervisor, id);
    expect(third.taskQueue).toBe('wrong-queue');
    expect(processExists(second.pid)).toBe(false);
  });

  it('removes a worker: its process ends and it leaves the roster', async () => {
    const { supervisor } = createSupervisor();
    current = supervisor;
    const { id } = supervisor.add();
    const { pid } = await readyWorker(supervisor, id);
    supervisor.add({ start: false });
    await supervisor.remove(id);
    expect(processExists(pid)).toBe(false);
    expect(supervisor.list().map((worker) => worker.label)).toEqual(['Worker 2']);
    await expect(supervisor.kill(id)).rejects.toThrow(/no worker/);
  });
});
