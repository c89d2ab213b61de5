import type { WorkerReport } from '../../shared/worker-protocol';
import type { LaunchedWorker, WorkerExit, WorkerLaunchSpec } from './worker-launcher';

/**
 * A worker process started ahead for one worker: it imports, connects to Temporal and creates its worker
 * (2–10 s on a busy machine), then waits without polling. When the worker's own process has ended (Kill -9,
 * a crash, a Stop), Start or Restart promotes it instead of starting a new one: it polls at once, so a run
 * whose worker was killed goes on in well under the time a start-up takes. A standby made for another
 * configuration (settings changed since) is never promoted.
 */
export class StandbyProcess {
  private listener: ((message: unknown) => void) | undefined;
  /** What it reported before it was promoted (its MCP servers' status), for the worker to read. */
  private readonly buffered: unknown[] = [];
  private created = false;
  private promoted = false;
  private exit: WorkerExit | undefined;

  constructor(
    /** The launch it stands in for: the worker's configuration when it was started. */
    private readonly key: string,
    readonly process: LaunchedWorker,
    /** Told when it is created, and when it ends before it is promoted. */
    onChange: () => void,
  ) {
    process.onMessage((message) => {
      if ((message as WorkerReport).type === 'standby') {
        this.created = true;
        if (this.promoted) this.process.send({ type: 'poll' });
        else onChange();
        return;
      }
      if (this.listener) this.listener(message);
      else this.buffered.push(message);
    });
    process.onExit((exit) => {
      this.exit = exit;
      if (!this.promoted) onChange();
    });
  }

  /** Connected to Temporal with its worker created: promoting it makes it poll at once. */
  get ready(): boolean {
    return this.created && this.exit === undefined;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** The key of a launch, what a standby must match to replace it. */
  static keyOf(spec: WorkerLaunchSpec): string {
    return JSON.stringify([spec.args, Object.entries(spec.env).sort()]);
  }

  /** Still running, and made for this launch (the same configuration). */
  fits(spec: WorkerLaunchSpec): boolean {
    return this.exit === undefined && !this.promoted && this.key === StandbyProcess.keyOf(spec);
  }

  /** Hands the process over: it polls at once (or once created), and its reports go to `listener`. */
  promote(listener: (message: unknown) => void): LaunchedWorker {
    this.promoted = true;
    this.listener = listener;
    for (const message of this.buffered.splice(0)) listener(message);
    if (this.created) this.process.send({ type: 'poll' });
    return this.process;
  }

  /** Not needed any more (settings changed, the worker was removed, the app quits): it just ends. */
  discard(): void {
    if (this.exit === undefined && !this.promoted) this.process.kill('SIGTERM');
  }
}
