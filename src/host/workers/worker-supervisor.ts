import { ApiError } from '../../shared/api-error';
import type { WorkerActivity, WorkerInfo } from '../../shared/models';
import { SupervisedWorker, type WorkerEnd, type WorkerRuntimeConfig } from './supervised-worker';
import type { WorkerLauncher } from './worker-launcher';

/** A line of a worker's life, for the history store's worker events. */
export interface WorkerEventRecord {
  readonly workerId: string;
  readonly kind: 'started' | 'ready' | 'failed' | 'exited';
  readonly pid: number | undefined;
  readonly detail: string;
}

export interface WorkerSupervisorOptions {
  readonly launcher: WorkerLauncher;
  readonly runtimeConfig: () => WorkerRuntimeConfig;
  readonly defaultTaskQueue: () => string;
  /** How long a graceful stop waits before SIGKILL; default 5 s. */
  readonly graceMs?: number;
  /** Each worker keeps a standby process (started, connected, not polling) that replaces it at once. */
  readonly standbyWorkers?: boolean;
  readonly onChange?: (workers: readonly WorkerInfo[]) => void;
  readonly onEnd?: (worker: WorkerInfo, end: WorkerEnd) => void;
  /** A worker stopping gracefully handed a call back to Temporal (its run's attempt is lost). */
  readonly onHandedBack?: (worker: WorkerInfo, activity: WorkerActivity) => void;
  readonly onEvent?: (event: WorkerEventRecord) => void;
}

/** The app's worker processes: add, start, stop, kill, restart, remove, move to another task queue. */
export class WorkerSupervisor {
  private readonly workers = new Map<string, SupervisedWorker>();
  private nextNumber = 1;
  private closed = false;

  constructor(private readonly options: WorkerSupervisorOptions) {}

  list(): WorkerInfo[] {
    return [...this.workers.values()].map((worker) => worker.info());
  }

  info(workerId: string): WorkerInfo {
    return this.get(workerId).info();
  }

  /** The worker whose process runs an attempt of this run right now, if one of ours does. */
  executing(runId: string): WorkerInfo | undefined {
    return this.list().find((worker) => worker.current?.runId === runId);
  }

  add(options: { taskQueue?: string; start?: boolean } = {}): WorkerInfo {
    if (this.closed) throw new ApiError('unavailable', 'the app is shutting down');
    const number = this.nextNumber++;
    const worker: SupervisedWorker = new SupervisedWorker(
      `worker-${number}`,
      `Worker ${number}`,
      options.taskQueue ?? this.options.defaultTaskQueue(),
      this.options.launcher,
      this.options.runtimeConfig,
      this.options.graceMs ?? 5000,
      {
        onChange: () => this.changed(),
        onEnd: (end) => {
          const { code, signal } = end.exit;
          this.record(worker, 'exited', end.pid, `${end.reason} (code ${code}, signal ${signal})`);
          this.options.onEnd?.(worker.info(), end);
        },
        onHandedBack: (activity) => this.options.onHandedBack?.(worker.info(), activity),
        onReport: (kind, detail) => this.record(worker, kind, worker.info().pid, detail),
      },
      this.options.standbyWorkers === true,
    );
    this.workers.set(worker.id, worker);
    if (options.start !== false) worker.start();
    this.changed();
    return worker.info();
  }

  start(workerId: string): WorkerInfo {
    if (this.closed) throw new ApiError('unavailable', 'the app is shutting down');
    const worker = this.get(workerId);
    worker.start();
    return worker.info();
  }

  async stop(workerId: string): Promise<WorkerInfo> {
    const worker = this.get(workerId);
    await worker.stop();
    return worker.info();
  }

  async kill(workerId: string): Promise<WorkerInfo> {
    const worker = this.get(workerId);
    await worker.kill();
    return worker.info();
  }

  async restart(workerId: string): Promise<WorkerInfo> {
    const worker = this.get(workerId);
    await worker.restart();
    return worker.info();
  }

  /** Stops the worker gracefully, then forgets it. */
  async remove(workerId: string): Promise<void> {
    const worker = this.get(workerId);
    await worker.stop();
    worker.discardStandby();
    this.workers.delete(workerId);
    this.changed();
  }

  /** A running worker is restarted on the new queue (a worker's queue is fixed while it runs). */
  async setTaskQueue(workerId: string, taskQueue: string): Promise<WorkerInfo> {
    const worker = this.get(workerId);
    if (worker.taskQueue === taskQueue) return worker.info();
    const wasRunning = worker.active;
    await worker.stop();
    worker.taskQueue = taskQueue;
    if (wasRunning) worker.start();
    this.changed();
    return worker.info();
  }

  /** After a settings change: running workers (and those about to restart) restart with the new configuration. */
  async restartRunning(): Promise<void> {
    await Promise.all([...this.workers.values()].filter((each) => each.active).map((each) => each.restart()));
  }

  /** Temporal is back: workers waiting to be started again after they ended by themselves start now. */
  startWaiting(): void {
    if (this.closed) return;
    for (const worker of this.workers.values()) if (!worker.running && worker.active) worker.start();
  }

  /** Moves every worker on `from` to `to` (the settings' task queue changed). */
  async moveQueue(from: string, to: string): Promise<void> {
    const moving = [...this.workers.values()].filter((worker) => worker.taskQueue === from);
    await Promise.all(moving.map((worker) => this.setTaskQueue(worker.id, to)));
  }

  /** Stops every worker gracefully (app quit); no worker starts afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    for (const worker of this.workers.values()) worker.discardStandby();
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  private get(workerId: string): SupervisedWorker {
    const worker = this.workers.get(workerId);
    if (!worker) throw new ApiError('not-found', `no worker "${workerId}"`);
    return worker;
  }

  private record(
    worker: SupervisedWorker,
    kind: WorkerEventRecord['kind'],
    pid: number | undefined,
    detail: string,
  ) {
    this.options.onEvent?.({ workerId: worker.id, kind, pid, detail });
  }

  private changed(): void {
    this.options.onChange?.(this.list());
  }
}
