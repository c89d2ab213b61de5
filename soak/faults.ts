import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { DemoModelFault } from 'durable-agent';
import type { WorkerInfo } from '../src/shared/models';
import type { HostProcess } from './host-process';
import { pause } from './wait-for';

export const FAULT_KINDS = [
  'worker-kill',
  'worker-stop',
  'host-kill',
  'cli-kill',
  'temporal-kill',
  'model-500',
  'model-429',
  'model-cut',
  'model-malformed',
  'model-stall',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** The demo model's fault for a model-fault kind, aimed at the one run whose prompt holds `tag`. */
export function modelFault(kind: FaultKind, tag: string): DemoModelFault | undefined {
  const aim = { match: tag, times: 1 };
  switch (kind) {
    case 'model-500':
      return { kind: 'status', status: 500, ...aim };
    case 'model-429':
      return { kind: 'status', status: 429, retryAfter: 1, ...aim };
    case 'model-cut':
      return { kind: 'disconnect', afterTokens: 12, ...aim };
    case 'model-malformed':
      return { kind: 'malformed', afterTokens: 12, ...aim };
    case 'model-stall':
      return { kind: 'stall', afterTokens: 12, stallMs: 3000, ...aim };
    default:
      return undefined;
  }
}

/** The faults a run's channel can take: the host is killed only under host runs, the CLI only under CLI runs. */
export function faultFits(kind: FaultKind, channel: 'host' | 'cli'): boolean {
  return (kind !== 'host-kill' || channel === 'host') && (kind !== 'cli-kill' || channel === 'cli');
}

/**
 * Injects a process fault while the run streams: kill -9 or a graceful stop of the worker running it
 * (started again a moment later, as a user would), kill -9 of the host (started again) or of Temporal
 * (the host brings it back by itself).
 */
export async function injectProcessFault(
  kind: FaultKind,
  host: HostProcess,
  runMarker: string,
): Promise<string> {
  switch (kind) {
    case 'worker-kill':
    case 'worker-stop': {
      const workers = await host.api.listWorkers();
      const busy = workers.find((worker) => worker.current?.workflowId.includes(runMarker));
      const target = busy ?? workers.find((worker) => worker.status.state === 'ready');
      if (!target) return 'no worker to stop';
      if (kind === 'worker-kill') await host.api.killWorker({ workerId: target.id });
      else await host.api.stopWorker({ workerId: target.id });
      void restartLater(host, target);
      return `${target.label}${busy ? ' (running the run)' : ''}`;
    }
    case 'host-kill':
      await host.kill();
      await host.start();
      return `host pid ${host.pid}`;
    case 'temporal-kill': {
      // A host started after a host kill reuses the dev server left running: find it by its database.
      const pid =
        (await host.api.getTemporalStatus()).pid ?? serverOf(path.join(host.dataDir, 'temporal.db'));
      if (!pid) return 'Temporal pid unknown';
      process.kill(pid, 'SIGKILL');
      return `Temporal pid ${pid}`;
    }
    default:
      return 'not a process fault';
  }
}

function serverOf(databaseFile: string): number | undefined {
  try {
    const pids = execFileSync('pgrep', ['-f', databaseFile], { encoding: 'utf8' }).trim().split('\n');
    return pids[0] ? Number(pids[0]) : undefined;
  } catch {
    return undefined;
  }
}

async function restartLater(host: HostProcess, worker: WorkerInfo): Promise<void> {
  await pause(1500);
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const current = (await host.api.listWorkers()).find((each) => each.id === worker.id);
      if (current?.status.state !== 'exited') return;
      await host.api.restartWorker({ workerId: worker.id });
      return;
    } catch {
      await pause(1000); // the host or Temporal may be restarting
    }
  }
}
