import type { ActivityEvent } from 'durable-agent';
import type { WorkerActivity, WorkerInfo, WorkerStatus } from '../../shared/models';
import type { LaunchedWorker, WorkerExit, WorkerLauncher } from './worker-launcher';
import { MODEL_API_KEY_VARIABLE, type WorkerConfig, type WorkerReport } from '../../shared/worker-protocol';

/** What a worker needs besides its identity and queue; read fresh at every start (settings may change). */
export interface WorkerRuntimeConfig extends Omit<WorkerConfig, 'workerId' | 'label' | 'taskQueue'> {
  readonly apiKey?: string;
}

/** How a worker's process ended, and what it was doing then. */
export interface WorkerEnd {
  readonly exit: WorkerExit;
  /** `stopped`: we asked politely; `killed`: SIGKILL; `crashed`: it ended by itself. */
  readonly reason: 'stopped' | 'killed' | 'crashed';
  readonly pid: number | undefined;
  /** Attempts in flight when it ended: their runs lost their worker. */
  readonly lost: readonly WorkerActivity[];
}

export interface SupervisedWorkerHooks {
  readonly onChange: () => void;
  readonly onActivity: (event: ActivityEvent) => void;
  readonly onEnd: (end: WorkerEnd) => void;
  readonly onReport: (kind: 'started' | 'ready' | 'failed', detail: string) => void;
}

/** One worker process under supervision: start, stop (polite, then forced), kill, with a status union. */
export class SupervisedWorker {
  private status: WorkerStatus = { state: 'exited', code: null, signal: null };
  private process: LaunchedWorker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private startedAt: string | undefined;
  private exitedAt: string | undefined;
  private lastError: string | undefined;
  private requested: 'stop' | 'kill' | undefined;
  private readonly inFlight = new Map<string, WorkerActivity>();

  constructor(
    readonly id: string,
    readonly label: string,
    public taskQueue: string,
    private readonly launcher: WorkerLauncher,
    private readonly runtimeConfig: () => WorkerRuntimeConfig,
    private readonly graceMs: number,
    private readonly hooks: SupervisedWorkerHooks,
  ) {}

  get running(): boolean {
    return this.process !== undefined;
  }

  info(): WorkerInfo {
    const current = [...this.inFlight.values()].at(-1);
    return {
      id: this.id,
      label: this.label,
      taskQueue: this.taskQueue,
      status: this.status,
      ...(this.process?.pid !== undefined ? { pid: this.process.pid } : {}),
      ...(this.startedAt ? { startedAt: this.startedAt } : {}),
      ...(this.exitedAt ? { exitedAt: this.exitedAt } : {}),
      ...(current ? { current } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Starts the process unless one is running. */
  start(): void {
    if (this.process) return;
    const { apiKey, ...runtime } = this.runtimeConfig();
    const config: WorkerConfig = {
      ...runtime,
      workerId: this.id,
      label: this.label,
      taskQueue: this.taskQueue,
    };
    const launched = this.launcher.launch({
      label: this.label,
      args: [JSON.stringify(config)],
      env: apiKey ? { [MODEL_API_KEY_VARIABLE]: apiKey } : {},
    });
    this.process = launched;
    this.requested = undefined;
    this.status = { state: 'starting' };
    this.startedAt = new Date().toISOString();
    this.exitedAt = undefined;
    this.lastError = undefined;
    launched.onMessage((message) => this.receive(message as WorkerReport));
    this.exited = new Promise((resolve) => launched.onExit((exit) => resolve(this.ended(launched, exit))));
    this.hooks.onReport('started', `started on task queue "${this.taskQueue}" (pid ${launched.pid ?? '?'})`);
    this.hooks.onChange();
  }

  /** Graceful stop: `shutdown` + SIGTERM, SIGKILL after the grace period; resolves once it has exited. */
  async stop(): Promise<void> {
    const current = this.process;
    if (!current) return;
    this.requested ??= 'stop';
    if (this.status.state !== 'stopping') {
      this.status = { state: 'stopping' };
      this.hooks.onChange();
    }
    current.send({ type: 'shutdown' });
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), this.graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL: the process ends at once, like a crash. */
  async kill(): Promise<void> {
    if (!this.process) return;
    this.requested = 'kill';
    this.process.kill('SIGKILL');
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  private receive(report: WorkerReport): void {
    switch (report.type) {
      case 'ready':
        if (this.status.state === 'starting') this.status = { state: 'ready' };
        this.hooks.onReport('ready', `polling task queue "${this.taskQueue}" as ${report.identity}`);
        break;
      case 'stopping':
        this.status = { state: 'stopping' };
        break;
      case 'failed':
        this.lastError = report.message;
        this.hooks.onReport('failed', report.message);
        break;
      case 'activity':
        this.track(report.event);
        this.hooks.onActivity(report.event);
        break;
      default:
        return;
    }
    this.hooks.onChange();
  }

  private track(event: ActivityEvent): void {
    const key = `${event.workflowId}#${event.activity}`;
    if (event.phase === 'started') {
      const { workflowId, runId, attempt, activity } = event;
      this.inFlight.set(key, { workflowId, runId, attempt, activity });
    } else {
      this.inFlight.delete(key);
    }
  }

  private ended(launched: LaunchedWorker, exit: WorkerExit): void {
    if (this.process !== launched) return;
    const lost = [...this.inFlight.values()];
    this.inFlight.clear();
    this.process = undefined;
    this.status = { state: 'exited', code: exit.code, signal: exit.signal };
    this.exitedAt = new Date().toISOString();
    const reason =
      this.requested === 'kill' || (exit.signal === 'SIGKILL' && this.requested !== 'stop')
        ? 'killed'
        : this.requested === 'stop'
          ? 'stopped'
          : 'crashed';
    this.hooks.onEnd({ exit, reason, pid: launched.pid, lost });
    this.hooks.onChange();
  }
}
