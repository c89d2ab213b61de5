import type { ActivityEvent, McpServerStatus, McpServersConfig, TemporalTlsOptions } from 'durable-agent';
import type { WorkerActivity, WorkerInfo, WorkerStatus } from '../../shared/models';
import type { WorkerConfig, WorkerModelProfile, WorkerReport } from '../../shared/worker-protocol';
import { RestartSchedule } from './restart-schedule';
import { StandbyProcess } from './standby-process';
import { stopReportedServers } from './stop-reported-servers';
import { standbySpec, workerLaunchSpec } from './worker-launch-spec';
import type { LaunchedWorker, WorkerExit, WorkerLauncher, WorkerLaunchSpec } from './worker-launcher';

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

/** How long after a worker is ready its standby starts. */
const STANDBY_DELAY_MS = 3000;

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
  /** Activities in flight when it ended (model calls, tool calls): their runs lost their worker. */
  readonly lost: readonly WorkerActivity[];
}

export interface SupervisedWorkerHooks {
  readonly onChange: () => void;
  readonly onEnd: (end: WorkerEnd) => void;
  /** It failed `activity` as retryable while stopping gracefully: it handed the call back to Temporal. */
  readonly onHandedBack: (activity: WorkerActivity) => void;
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
  /** The process started ahead to replace this one at once (`keepStandby`), and how the current one was started. */
  private standby: StandbyProcess | undefined;
  private standbyTimer: NodeJS.Timeout | undefined;
  private launchedSpec: WorkerLaunchSpec | undefined;

  constructor(
    readonly id: string,
    readonly label: string,
    public taskQueue: string,
    private readonly launcher: WorkerLauncher,
    private readonly runtimeConfig: () => WorkerRuntimeConfig,
    private readonly graceMs: number,
    private readonly hooks: SupervisedWorkerHooks,
    /** Keep a standby process once this one is ready, so Start, Restart or a crash need no start-up. */
    private readonly keepStandby = false,
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
      ...(this.identity ? { identity: this.identity } : {}),
      ...(this.startedAt ? { startedAt: this.startedAt } : {}),
      ...(this.exitedAt ? { exitedAt: this.exitedAt } : {}),
      ...(current ? { current } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.restarts.at ? { restartAt: this.restarts.at } : {}),
      ...(this.mcp.size > 0 ? { mcpServers: [...this.mcp.values()] } : {}),
      ...(this.standby?.running
        ? {
            standby: {
              ...(this.standby.process.pid ? { pid: this.standby.process.pid } : {}),
              ready: this.standby.ready,
            },
          }
        : {}),
    };
  }

  /** Starts the process unless one is running. */
  start(): void {
    this.restarts.cancel();
    if (this.process) return;
    const spec = workerLaunchSpec(this.runtimeConfig(), {
      workerId: this.id,
      label: this.label,
      taskQueue: this.taskQueue,
    });
    const standby = this.standby?.fits(spec) ? this.standby : undefined;
    if (!standby) this.discardStandby();
    this.standby = undefined;
    const launched = standby?.process ?? this.launcher.launch(spec);
    this.launchedSpec = spec;
    this.process = launched;
    this.requested = undefined;
    this.status = { state: 'starting' };
    this.startedAt = new Date().toISOString();
    this.exitedAt = undefined;
    this.lastError = undefined;
    this.identity = undefined;
    this.mcp.clear();
    const receive = (message: unknown) => this.receive(message as WorkerReport);
    if (standby) standby.promote(receive);
    else launched.onMessage(receive);
    this.exited = new Promise((resolve) => launched.onExit((exit) => resolve(this.ended(launched, exit))));
    const how = standby ? 'its standby process took over' : 'started';
    this.hooks.onReport('started', `${how} on task queue "${this.taskQueue}" (pid ${launched.pid ?? '?'})`);
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

  /** Ends the standby process, if any (the worker is removed, the app quits). */
  discardStandby(): void {
    clearTimeout(this.standbyTimer);
    this.standby?.discard();
    this.standby = undefined;
  }

  /**
   * Starts a standby for the running process's configuration a little after it is ready (not while it
   * takes over a run, when a start-up would take the CPU it needs), unless one is there or wanted not.
   */
  private prepareStandby(): void {
    clearTimeout(this.standbyTimer);
    if (!this.keepStandby) return;
    const launched = this.process;
    this.standbyTimer = setTimeout(() => {
      if (this.process === launched && launched !== undefined) this.launchStandby();
    }, STANDBY_DELAY_MS);
    this.standbyTimer.unref();
  }

  private launchStandby(): void {
    if (!this.launchedSpec || this.standby?.fits(this.launchedSpec)) return;
    this.standby?.discard();
    const spec = this.launchedSpec;
    this.standby = new StandbyProcess(
      StandbyProcess.keyOf(spec),
      this.launcher.launch(standbySpec(spec)),
      () => this.hooks.onChange(),
    );
    this.hooks.onChange();
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
        this.prepareStandby();
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
    // By activity: a run may have several tool calls in flight at once.
    const key = `${event.workflowId}/${event.workflowRunId ?? ''}#${event.activityId}`;
    if (event.phase === 'started') {
      const { workflowId, workflowRunId, activityId, runId, attempt, activity } = event;
      this.inFlight.set(key, { workflowId, workflowRunId, activityId, runId, attempt, activity });
      return;
    }
    const ended = this.inFlight.get(key);
    this.inFlight.delete(key);
    if (ended && event.phase === 'failed' && this.status.state === 'stopping') this.hooks.onHandedBack(ended);
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
