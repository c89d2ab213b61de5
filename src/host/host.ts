import { mkdirSync } from 'node:fs';
import { ApiError } from '../shared/api-error';
import type { InvokeHandlers, InvokeName } from '../shared/ipc-contract';
import { isInvokeName, validateRequest } from '../shared/validate-request';
import { lockDataFolder } from './data-folder-lock';
import { openHostCore } from './host-core';
import type { HostEvents } from './host-events';
import { createHandlers } from './host-handlers';
import { closeHost, startHost } from './host-lifecycle';
import type { HostOptions } from './host-options';
import type { HostParts } from './host-parts';
import type { ReconciliationReport } from './runs/reconciliation';
import { FiredRunImport } from './schedules/fired-run-import';
import { setupRuns } from './setup-runs';
import { HostTemporal } from './temporal/host-temporal';
import { setupWorkers } from './workers/setup-workers';

export type { HostOptions } from './host-options';

/** The app without a window: everything the contract's handlers need, in plain Node. */
export interface Host {
  readonly dataDir: string;
  readonly handlers: InvokeHandlers;
  readonly events: Pick<HostEvents, 'on' | 'onAny'>;
  /** Validates a request from outside (IPC, WebSocket) against the contract, then handles it. */
  invoke(name: unknown, payload: unknown): Promise<unknown>;
  /** Resolves once Temporal answered, the first workers were started and unfinished runs re-attached. */
  readonly started: Promise<ReconciliationReport>;
  /** Brings the runs schedules started into the history now (else every few seconds); resolves with how many. */
  importFiredRuns(): Promise<number>;
  /** Resolves when every run followed now is finalized (tests, scripted demos). */
  idle(): Promise<void>;
  /** Quit: stops following runs (they resume next launch), stops workers, Temporal (if ours), the demo model. */
  close(): Promise<void>;
}

/** One host per data folder: a second one is refused, naming the folder and the process that has it. */
export async function createHost(options: HostOptions): Promise<Host> {
  mkdirSync(options.dataDir, { recursive: true });
  const lock = lockDataFolder(
    options.dataDir,
    options.instanceName ?? `a Durable Agent host (${process.title})`,
  );
  try {
    const host = await createLockedHost(options);
    return { ...host, close: () => host.close().finally(() => lock.release()) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * The host, as a table of contents: its core (events, notices, history.db, the settings); the Temporal
 * (`HostTemporal`, switched in one place); the runs (Agent clients, the coordinator); the workers; the
 * runs schedules start; start-up (reconciling unfinished runs); the handlers; quit.
 */
async function createLockedHost(options: HostOptions): Promise<Host> {
  const core = openHostCore(options);
  const temporal = new HostTemporal({ ...core, fallback: options.temporal });
  const { agents, runs } = setupRuns({
    ...core,
    temporal,
    persistIntervalMs: options.persistIntervalMs ?? 250,
    workerNamed: (identity) => supervisor.list().find((worker) => worker.identity === identity),
  });
  const supervisor = setupWorkers({
    ...core,
    temporal,
    runs,
    launcher: options.launcher,
    graceMs: options.workerGraceMs,
    standbyWorkers: options.standbyWorkers,
  });
  const firedRuns = new FiredRunImport({ ...core, agents, coordinator: runs });
  const temporalReady = () => temporal.current.status().state === 'ready';
  firedRuns.poll(options.scheduleCheckIntervalMs ?? 5_000, temporalReady, core.log);
  const parts: HostParts = { ...core, temporal, agents, runs, supervisor, firedRuns };
  const started = startHost(parts, options.initialWorkers ?? 1);
  return hostOf(parts, createHandlers(parts, options.saveFile), started);
}

/** The host's face: its handlers (and `invoke`, validating first), its events, and quit (once). */
function hostOf(parts: HostParts, handlers: InvokeHandlers, started: Promise<ReconciliationReport>): Host {
  let closing: Promise<void> | undefined;
  return {
    dataDir: parts.dataDir,
    handlers,
    events: parts.events,
    started,
    async invoke(name, payload) {
      if (!isInvokeName(name)) throw new ApiError('unknown-channel', `no channel "${String(name)}"`);
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      return handler(validateRequest(name as InvokeName, payload));
    },
    importFiredRuns: () => parts.firedRuns.check(),
    idle: () => parts.runs.idle(),
    close() {
      closing ??= closeHost(parts, started);
      return closing;
    },
  };
}
