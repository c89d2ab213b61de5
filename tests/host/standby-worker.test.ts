import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { waitUntilGone } from '../../packages/agent/test/support/process-tree';
import { childProcessLauncher } from '../../src/host/workers/child-process-launcher';
import { type WorkerEventRecord, WorkerSupervisor } from '../../src/host/workers/worker-supervisor';
import type { WorkerInfo } from '../../src/shared/models';
import { processExists, waitUntil } from './support/wait-until';
import { workerEntry } from './support/worker-entry';

const output: string[] = [];
let current: WorkerSupervisor | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
  output.length = 0;
});

/** A supervisor whose workers keep a standby; `modelName` is read at each start (a settings change). */
function createSupervisor(settings = { modelName: 'demo' }) {
  const events: WorkerEventRecord[] = [];
  const supervisor = new WorkerSupervisor({
    launcher: childProcessLauncher({ entry: workerEntry, onOutput: (line) => output.push(line) }),
    runtimeConfig: () => ({
      agentName: 'assistant',
      temporalAddress: inject('temporalAddress'),
      namespace: 'default',
      modelBaseUrl: 'http://127.0.0.1:9/v1',
      modelName: settings.modelName,
    }),
    defaultTaskQueue: () => `standby-${randomUUID().slice(0, 8)}`,
    standbyWorkers: true,
    onEvent: (event) => events.push(event),
  });
  current = supervisor;
  return { supervisor, events };
}

/** The standby worker processes this test started (their config says `"standby":true`). */
function standbyPids(): number[] {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return lines
    .split('\n')
    .filter((line) => line.includes('"standby":true'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function readyWorker(supervisor: WorkerSupervisor, workerId: string, otherThan?: number) {
  return (await waitUntil(
    () => {
      const worker = supervisor.info(workerId);
      const ready = worker.status.state === 'ready' && worker.pid !== undefined && worker.pid !== otherThan;
      return ready ? worker : undefined;
    },
    `${workerId} to be ready (output: ${output.join(' | ')})`,
    90_000,
  )) as WorkerInfo & { pid: number };
}

/** The worker's standby once it is connected and created (it polls as soon as it is promoted). */
async function preparedStandby(supervisor: WorkerSupervisor, workerId: string): Promise<number> {
  const standby = await waitUntil(
    () => {
      const { standby } = supervisor.info(workerId);
      return standby?.ready && standby.pid ? standby.pid : undefined;
    },
    `a ready standby process (output: ${output.join(' | ')})`,
    90_000,
  );
  expect(standbyPids()).toEqual([standby]);
  return standby;
}

describe('standby worker processes', () => {
  it('Restart after Kill -9 promotes the standby: the worker polls again without a start-up, and a new standby follows', async () => {
    const { supervisor, events } = createSupervisor();
    const { id } = supervisor.add();
    const first = await readyWorker(supervisor, id);
    const standby = await preparedStandby(supervisor, id);

    await supervisor.kill(id);
    const restartedAt = performance.now();
    await supervisor.restart(id);
    const promoted = await readyWorker(supervisor, id, first.pid);
    const readyMs = performance.now() - restartedAt;
    console.log(`[measure] Restart → ready ${Math.round(readyMs)} ms (standby promoted)`);
    expect(promoted.pid).toBe(standby);
    expect(readyMs).toBeLessThan(2000);
    expect(events.filter((event) => event.kind === 'started').at(-1)?.detail).toContain(
      `its standby process took over on task queue "${promoted.taskQueue}" (pid ${standby})`,
    );
    // The next standby is prepared for the next time.
    const next = await waitUntil(
      () => standbyPids().find((pid) => pid !== standby),
      'a new standby process',
      90_000,
    );
    expect(processExists(next)).toBe(true);
  }, 240_000);

  it('never promotes a standby made for other settings, and ends the standbys when the app quits', async () => {
    const settings = { modelName: 'demo' };
    const { supervisor } = createSupervisor(settings);
    const { id } = supervisor.add();
    const first = await readyWorker(supervisor, id);
    const stale = await preparedStandby(supervisor, id);

    settings.modelName = 'demo-mini';
    await supervisor.restartRunning();
    const restarted = await readyWorker(supervisor, id, first.pid);
    expect(restarted.pid).not.toBe(stale);
    expect(await waitUntilGone([stale], 10_000)).toEqual([]);

    const fresh = await waitUntil(
      () => standbyPids().find((pid) => pid !== stale),
      'a standby for the new settings',
      90_000,
    );
    await supervisor.close();
    current = undefined;
    expect(await waitUntilGone([fresh, restarted.pid], 10_000)).toEqual([]);
  }, 240_000);
});
