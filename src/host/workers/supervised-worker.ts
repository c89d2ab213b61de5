import type { ActivityEvent, McpServerStatus, McpServersConfig, TemporalTlsOptions } from 'durable-agent';
import type { WorkerActivity, WorkerInfo, WorkerStatus } from '../../shared/models';
import {
  MCP_SERVERS_VARIABLE,
  MODEL_API_KEY_VARIABLE,
  MODEL_PROFILES_VARIABLE,
  TEMPORAL_API_KEY_VARIABLE,
  TEMPORAL_CLIENT_KEY_VARIABLE,
  type WorkerConfig,
  type WorkerModelProfile,
  type WorkerReport,
} from '../../shared/worker-protocol';
import { RestartSchedule } from './restart-schedule';
import { stopReportedServers } from './stop-reported-servers';
import type { LaunchedWorker, WorkerExit, WorkerLauncher } from './worker-launcher';

/** What a worker needs besides its identity and queue; read fresh at every start (settings may change). */
export interface WorkerRuntimeConfig
  extends Omit<WorkerConfig, 'workerId' | 'label' | 'taskQueue' | 'temporalTls'> {
  readonly apiKey?: string;
  /** TLS to an external Temporal, client key included (it is moved to the environment). */
  readonly temporalTls?: boolean | TemporalTlsOptions;
  readonly temporalApiKey?: string;
  /** The enabled MCP servers; they travel in the environment (their env and headers may be secrets). */
  readonly mcpServers?: McpServersConfig;
  /** The model profiles by id, keys included (they travel in the environment). */
  readonly modelProfiles?: Readonly<Record<string, WorkerModelProfile>>;
}

/** How a worker's process ended, and what it was doing then. */
export interface WorkerEnd {
  readonly exit: WorkerExit;
  /**
   * `stopped`: asked politely (by us, or a signal it answered by stopping); `killed`: SIGKILL; `crashed`: it
   * ended by itself (e.g. it could not reach Temporal) and is started again with backoff.
   */
  readonly reason: 'stopped' | 'killed' | 'crashed';
  readonly pid: number | undefined;
  /** How the process introduced itself to Temporal (its `ready` report), if it got that far. */
  readonly identity: string | undefined;
  /** Attempts in flight when it ended: their runs lost their worker. */
  readonly lost: readonly WorkerActivity[];
}

export interface SupervisedWorkerHooks {
  readonly onChange: () => void;
  readonly onActivity: (event: ActivityEvent) => void;
  readonly onEnd: (end: WorkerEnd) => void;
  readonly onReport: (kind: 'started' | 'ready' | 'failed', detail: string) => void;
}

/**
 * One worker process under supervision: start, stop (polite, then forced), kill, with a status union. A
 * process that ends by itself is started again with backoff, for as long as nobody stops or kills it:
 * that is how a worker keeps trying to reach a Temporal that is down (the worker entry just exits).
 * Stop and Kill -9 keep their meaning: the worker stays down until Start or Restart.
 */
export class SupervisedWorker {
  private status: WorkerStatus = { state: 'exited', code: null, signal: null };
  private process: LaunchedWorker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private startedAt: string | undefined;
  private exitedAt: string | undefined;
  private lastError: string | undefined;
  private requested: 'stop' | 'kill' | undefined;
  /** The running process's identity with Temporal, from its `ready` report. */
  private identity: string | undefined;
  private readonly inFlight = new Map<string, WorkerActivity>();
  /** The MCP servers of the running process, by name, as it last reported them. */
  private readonly mcp = new Map<string, McpServerStatus>();
  private readonly restarts = new RestartSchedule();

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

  /** Running, or about to be started again after it ended by itself. */
  get active(): boolean {
    return this.running || this.restarts.pending;
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
      ...(this.restarts.at ? { restartAt: this.restarts.at } : {}),
      ...(this.mcp.size > 0 ? { mcpServers: [...this.mcp.values()] } : {}),
    };
  }

  /** Starts the process unless one is running. */
  start(): void {
    this.restarts.cancel();
    if (this.process) return;
    const { apiKey, mcpServers, modelProfiles, temporalTls, temporalApiKey, ...runtime } =
      this.runtimeConfig();
    const { clientKey, ...plainTls } =
      typeof temporalTls === 'object' ? temporalTls : { clientKey: undefined };
    const config: WorkerConfig = {
      ...runtime,
      ...(temporalTls === undefined
        ? {}
        : { temporalTls: typeof temporalTls === 'object' ? pemText(plainTls) : temporalTls }),
      workerId: this.id,
      label: this.label,
      taskQueue: this.taskQueue,
    };
    const launched = this.launcher.launch({
      label: this.label,
      args: [JSON.stringify(config)],
      env: {
        ...(apiKey ? { [MODEL_API_KEY_VARIABLE]: apiKey } : {}),
        ...(temporalApiKey ? { [TEMPORAL_API_KEY_VARIABLE]: temporalApiKey } : {}),
        ...(clientKey ? { [TEMPORAL_CLIENT_KEY_VARIABLE]: String(clientKey) } : {}),
        ...(mcpServers && Object.keys(mcpServers).length > 0
          ? { [MCP_SERVERS_VARIABLE]: JSON.stringify(mcpServers) }
          : {}),
        ...(modelProfiles && Object.keys(modelProfiles).length > 0
          ? { [MODEL_PROFILES_VARIABLE]: JSON.stringify(modelProfiles) }
          : {}),
      },
    });
    this.process = launched;
    this.requested = undefined;
    this.status = { state: 'starting' };
    this.startedAt = new Date().toISOString();
    this.exitedAt = undefined;
    this.lastError = undefined;
    this.identity = undefined;
    this.mcp.clear();
    launched.onMessage((message) => this.receive(message as WorkerReport));
    this.exited = new Promise((resolve) => launched.onExit((exit) => resolve(this.ended(launched, exit))));
    this.hooks.onReport('started', `started on task queue "${this.taskQueue}" (pid ${launched.pid ?? '?'})`);
    this.hooks.onChange();
  }

  /** Graceful stop: `shutdown` + SIGTERM, SIGKILL after the grace period; resolves once it has exited. */
  async stop(): Promise<void> {
    const current = this.process;
    this.cancelRestart();
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
    this.cancelRestart();
    if (!this.process) return;
    this.requested = 'kill';
    this.process.kill('SIGKILL');
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  /** Stop and Kill -9 mean "stay down": a restart pending after the worker ended by itself is dropped. */
  private cancelRestart(): void {
    if (!this.restarts.pending) return;
    this.restarts.cancel();
    this.hooks.onChange();
  }

  private receive(report: WorkerReport): void {
    switch (report.type) {
      case 'ready':
        if (this.status.state === 'starting') this.status = { state: 'ready' };
        this.identity = report.identity;
        this.restarts.succeeded();
        this.hooks.onReport('ready', `polling task queue "${this.taskQueue}" as ${report.identity}`);
        break;
      case 'stopping':
        // It stops on purpose (a signal from outside, the host going away): not a crash to restart.
        this.requested ??= 'stop';
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
      case 'mcp-status':
        this.mcp.set(report.status.name, report.status);
        break;
      default:
        return;
    }
    this.hooks.onChange();
  }

  private track(event: ActivityEvent): void {
    const key = `${event.workflowId}#${event.activity}`;
    if (event.phase === 'started') {
      const { workflowId, workflowRunId, activityId, runId, attempt, activity } = event;
      this.inFlight.set(key, { workflowId, workflowRunId, activityId, runId, attempt, activity });
    } else {
      this.inFlight.delete(key);
    }
  }

  private ended(launched: LaunchedWorker, exit: WorkerExit): void {
    if (this.process !== launched) return;
    const lost = [...this.inFlight.values()];
    this.inFlight.clear();
    stopReportedServers(this.mcp.values());
    this.mcp.clear();
    this.process = undefined;
    this.status = { state: 'exited', code: exit.code, signal: exit.signal };
    this.exitedAt = new Date().toISOString();
    const reason =
      this.requested === 'kill' || (exit.signal === 'SIGKILL' && this.requested !== 'stop')
        ? 'killed'
        : this.requested === 'stop'
          ? 'stopped'
          : 'crashed';
    if (reason === 'crashed') this.restarts.schedule(() => this.start());
    this.hooks.onEnd({ exit, reason, pid: launched.pid, identity: this.identity, lost });
    this.hooks.onChange();
  }
}

/** The TLS options' PEM parts as text (they travel as JSON). */
function pemText(tls: Omit<TemporalTlsOptions, 'clientKey'>): WorkerConfig['temporalTls'] {
  const text = (value: string | Uint8Array | undefined) =>
    value === undefined ? undefined : typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return {
    ...(tls.serverName === undefined ? {} : { serverName: tls.serverName }),
    ...(tls.serverCa === undefined ? {} : { serverCa: text(tls.serverCa) }),
    ...(tls.clientCert === undefined ? {} : { clientCert: text(tls.clientCert) }),
  };
}
