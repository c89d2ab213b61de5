import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { WorkerSupervisor } from '../../src/host/workers/worker-supervisor';
import { utilityProcessLauncher } from '../../src/main/utility-process-launcher';
import type { WorkerInfo } from '../../src/shared/models';
import { forkLikeUtilityProcess, workerEntry } from './support/node-utility-process';

const output: string[] = [];
let current: WorkerSupervisor | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
  output.length = 0;
});

function supervisor(): WorkerSupervisor {
  current = new WorkerSupervisor({
    launcher: utilityProcessLauncher({
      entry: workerEntry,
      fork: forkLikeUtilityProcess,
      onOutput: (line) => output.push(line),
    }),
    runtimeConfig: () => ({
      agentName: 'assistant',
      temporalAddress: inject('temporalAddress'),
      namespace: 'default',
      modelBaseUrl: 'http://127.0.0.1:9/v1',
      modelName: 'demo',
      apiKey: 'secret-key-for-test',
    }),
    defaultTaskQueue: () => `utility-${randomUUID().slice(0, 8)}`,
    graceMs: 5000,
  });
  return current;
}

async function until(check: () => WorkerInfo | undefined, what: string): Promise<WorkerInfo> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (output: ${output.join(' | ')})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ready = (workers: WorkerSupervisor, id: string) =>
  until(() => {
    const info = workers.info(id);
    return info.status.state === 'ready' && info.pid !== undefined ? info : undefined;
  }, `${id} ready`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the real worker entry through the utility-process launcher (parentPort)', () => {
  it('reports ready over parentPort; Kill -9 ends the process and reads as SIGKILL; Restart brings a new one', async () => {
    const workers = supervisor();
    const { id } = workers.add();
    const first = await ready(workers, id);
    expect(alive(first.pid!)).toBe(true);

    const killed = await workers.kill(id);
    expect(killed.status).toEqual({ state: 'exited', code: null, signal: 'SIGKILL' });
    expect(alive(first.pid!)).toBe(false);

    await workers.restart(id);
    const second = await ready(workers, id);
    expect(second.pid).not.toBe(first.pid);
    expect(output.join('\n')).not.toContain('secret-key-for-test');
  });

  it('stops gracefully through the shutdown message: the worker exits by itself with code 0', async () => {
    const workers = supervisor();
    const { id } = workers.add();
    const { pid } = await ready(workers, id);
    const stopped = await workers.stop(id);
    expect(stopped.status).toEqual({ state: 'exited', code: 0, signal: null });
    expect(alive(pid!)).toBe(false);
  });
});
