import { messageOf } from 'durable-agent';
import { pause, restartDelayMs } from '../restart-backoff';
import {
  type EmbeddedTemporal,
  type EmbeddedTemporalOptions,
  startEmbeddedTemporal,
} from './embedded-temporal';

/** What happened to the embedded server: up (first start or a restart), down, or a restart under way. */
export type EmbeddedTemporalChange =
  | { readonly kind: 'ready'; readonly server: EmbeddedTemporal; readonly restarted: boolean }
  | { readonly kind: 'down'; readonly error: string }
  | { readonly kind: 'restarting'; readonly attempt: number }
  | { readonly kind: 'getting-cli'; readonly progress: string };

export type EmbeddedTemporalSupervisorOptions = Omit<
  EmbeddedTemporalOptions,
  'onUnexpectedExit' | 'onCliInstallProgress'
>;

/**
 * Keeps the app's own dev server up: when the server we started exits without being asked (kill -9, a
 * crash), or a server we reused stops answering, a new one starts on the same port and database file,
 * with backoff (0.5 s, 1 s, 2 s … 10 s), for as long as the app runs. Workflows survive in the file.
 */
export class EmbeddedTemporalSupervisor {
  private server: EmbeddedTemporal | undefined;
  private restarting: Promise<void> | undefined;
  private readonly closing = new AbortController();
  /** Aborted to end a backoff wait early (the user asked to start Temporal now). */
  private wake = new AbortController();

  constructor(
    private readonly options: EmbeddedTemporalSupervisorOptions,
    private readonly onChange: (change: EmbeddedTemporalChange) => void,
  ) {}

  /** True while a restart is pending or under way: it reports the states itself. */
  get isRestarting(): boolean {
    return this.restarting !== undefined;
  }

  /** The first start; throws when no server can start (no Temporal CLI, the port taken by another program). */
  async start(): Promise<EmbeddedTemporal> {
    const server = await this.launch();
    this.server = server;
    this.onChange({ kind: 'ready', server, restarted: false });
    return server;
  }

  /** The monitor found nothing answering: a reused server (not ours, so no exit to see) went away. */
  noticeUnreachable(error: string): void {
    if (this.server?.reused) this.lost(error);
  }

  /** The server we started, killed with SIGKILL (the scenario guide's outage); it restarts as after a crash. */
  killNow(): number | undefined {
    const pid = this.server?.pid;
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    return pid;
  }

  /** While down: the next restart attempt starts now rather than after its backoff. */
  restartNow(): void {
    this.wake.abort();
    this.wake = new AbortController();
  }

  /** Stops restarting, then stops the server if we started it. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.restarting;
    await this.server?.stop();
  }

  private launch(): Promise<EmbeddedTemporal> {
    return startEmbeddedTemporal({
      ...this.options,
      onUnexpectedExit: (detail) => this.lost(`the Temporal dev server ${detail}`),
      onCliInstallProgress: (progress) => this.onChange({ kind: 'getting-cli', progress }),
    });
  }

  private lost(error: string): void {
    if (this.closing.signal.aborted) return;
    this.server = undefined;
    this.onChange({ kind: 'down', error });
    this.restarting ??= this.restartWithBackoff().finally(() => {
      this.restarting = undefined;
    });
  }

  private async restartWithBackoff(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const waited = AbortSignal.any([this.closing.signal, this.wake.signal]);
      await pause(restartDelayMs(attempt), waited);
      if (this.closing.signal.aborted) return;
      this.onChange({ kind: 'restarting', attempt: attempt + 1 });
      try {
        const server = await this.launch();
        if (this.closing.signal.aborted) return void (await server.stop());
        this.server = server;
        this.onChange({ kind: 'ready', server, restarted: true });
        return;
      } catch (error) {
        if (this.closing.signal.aborted) return;
        const message = messageOf(error);
        this.onChange({ kind: 'down', error: `restarting the Temporal dev server failed: ${message}` });
      }
    }
  }
}
