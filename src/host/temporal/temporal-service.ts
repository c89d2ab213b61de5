import {
  describeTemporalLog,
  messageOf,
  probeTemporal,
  type TemporalLogSummary,
  type TemporalOptions,
} from 'durable-agent';
import { assertNever } from '../../shared/assert-never';
import type { TemporalState, TemporalStatus } from '../../shared/models';
import { isTemporalDown } from '../../shared/temporal-availability';
import { type EmbeddedTemporalChange, EmbeddedTemporalSupervisor } from './embedded-temporal-supervisor';

/** Where the app's Temporal is: its own dev server, or an address from settings. */
export type TemporalTarget =
  | { readonly kind: 'embedded'; readonly port?: number; readonly uiPort?: number }
  | {
      readonly kind: 'external';
      readonly address: string;
      readonly namespace?: string;
      /** TLS and API key (Settings → Temporal connection). */
      readonly credentials?: Pick<TemporalOptions, 'tls' | 'apiKey'>;
    };

export interface TemporalServiceOptions {
  readonly dataDir: string;
  readonly target: TemporalTarget;
  readonly onStatus: (status: TemporalStatus) => void;
  /** What the host's terminal shows: getting the CLI, and a summary of the embedded server's own log. */
  readonly onLog?: (line: string) => void;
  /** How often reachability is checked; default 5 s. */
  readonly monitorIntervalMs?: number;
  /** How often it is checked while Temporal is down, to see it back soon; default 1 s. */
  readonly downMonitorIntervalMs?: number;
}

type StatusChange = { readonly state: TemporalState; readonly error?: string } & Partial<
  Omit<TemporalStatus, 'downSince'>
>;

/**
 * Starts or finds Temporal, reports its status as it changes (down since when, restarts), keeps the
 * embedded dev server up, and stops what it started.
 */
export class TemporalService {
  private current: TemporalStatus;
  private readonly embedded: EmbeddedTemporalSupervisor | undefined;
  private monitor: NodeJS.Timeout | undefined;
  private closed = false;
  /** Probes in a row that found no Temporal while it was ready: one alone may be a busy machine. */
  private failedProbes = 0;
  /** Resolves with the address once Temporal answers (rejects if the embedded server cannot start). */
  readonly ready: Promise<string>;

  constructor(private readonly options: TemporalServiceOptions) {
    const { target } = options;
    this.current =
      target.kind === 'external'
        ? {
            address: target.address,
            namespace: target.namespace ?? 'default',
            state: 'starting',
            source: 'external',
            restarts: 0,
          }
        : {
            address: `127.0.0.1:${target.port ?? 7233}`,
            namespace: 'default',
            state: 'starting',
            source: 'embedded',
            restarts: 0,
          };
    this.embedded =
      target.kind === 'embedded'
        ? new EmbeddedTemporalSupervisor(
            {
              dataDir: options.dataDir,
              port: target.port,
              uiPort: target.uiPort,
              onLogSummary: (summary) => this.logged(summary),
            },
            (change) => this.embeddedChanged(change),
          )
        : undefined;
    this.ready = this.start();
    this.ready.catch(() => undefined);
  }

  status(): TemporalStatus {
    return this.current;
  }

  /**
   * Kills the embedded dev server this app started with SIGKILL (a crash, for the scenario guide); the app
   * starts it again as after any crash. Undefined when there is none to kill (external, or reused).
   */
  killEmbedded(): number | undefined {
    return this.embedded?.killNow();
  }

  /** Starts the embedded dev server now if it is down (instead of at its next backoff). */
  startEmbeddedNow(): void {
    this.embedded?.restartNow();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.monitor);
    await this.ready.catch(() => undefined);
    await this.embedded?.close();
    this.update({ state: 'stopped' });
  }

  private async start(): Promise<string> {
    try {
      if (this.embedded) await this.embedded.start();
      else await this.check();
    } catch (error) {
      this.update({ state: 'unreachable', error: messageOf(error) });
      throw error;
    } finally {
      this.scheduleCheck();
    }
    return this.current.address;
  }

  private embeddedChanged(change: EmbeddedTemporalChange): void {
    if (this.closed) return;
    switch (change.kind) {
      case 'ready': {
        const { address, namespace, webUiUrl, pid } = change.server;
        const restarts = this.current.restarts + (change.restarted ? 1 : 0);
        this.update({ address, namespace, state: 'ready', restarts, webUiUrl, pid });
        return;
      }
      case 'down':
        this.update({ state: 'unreachable', error: change.error, pid: undefined });
        return;
      case 'getting-cli':
        // The first start without a Temporal CLI: the card says what is happening (downloading 40%…).
        this.options.onLog?.(change.progress);
        this.update({ state: 'starting', progress: change.progress });
        return;
      case 'restarting':
        this.update({
          state: 'starting',
          error: `restarting the Temporal dev server (attempt ${change.attempt})`,
        });
        return;
      default:
        assertNever(change);
    }
  }

  /** The server's own log warned: one line for the terminal and the card, not each of its lines. */
  private logged(summary: TemporalLogSummary): void {
    if (this.closed) return;
    const line = describeTemporalLog(summary);
    this.options.onLog?.(line);
    const { state, error, progress } = this.current;
    this.update({ state, error, progress, logSummary: line });
  }

  /** Probes every 5 s, every second while Temporal is down or a probe just failed. */
  private scheduleCheck(): void {
    if (this.closed) return;
    const down = isTemporalDown(this.current) || this.failedProbes > 0;
    const delay = down
      ? (this.options.downMonitorIntervalMs ?? 1000)
      : (this.options.monitorIntervalMs ?? 5000);
    this.monitor = setTimeout(() => {
      void this.check()
        .catch(() => undefined)
        .finally(() => this.scheduleCheck());
    }, delay);
    this.monitor.unref();
  }

  /** Probes the address. While the embedded server restarts, the restart reports the states itself. */
  private async check(): Promise<void> {
    if (this.embedded?.isRestarting) return;
    const { target } = this.options;
    const credentials = target.kind === 'external' ? target.credentials : undefined;
    const result = await probeTemporal(this.current.address, this.current.namespace, 2000, credentials);
    if (this.closed || this.embedded?.isRestarting) return;
    const state: TemporalState =
      result === 'ready' ? 'ready' : result === 'starting' ? 'starting' : 'unreachable';
    const error =
      result === 'ready'
        ? undefined
        : result === 'namespace-missing'
          ? `the server at ${this.current.address} has no namespace "${this.current.namespace}"`
          : result === 'not-temporal'
            ? `${this.current.address} is not a Temporal server`
            : result === 'refused'
              ? `Temporal at ${this.current.address} refused the app's credentials — check Settings → Temporal connection (API key, client certificate, server CA, server name)`
              : `no Temporal server answers at ${this.current.address}`;
    this.failedProbes = state === 'unreachable' ? this.failedProbes + 1 : 0;
    // A ready Temporal is called unreachable after a second failed probe (a second later), not the first.
    if (state === 'unreachable' && this.current.state === 'ready' && this.failedProbes < 2) return;
    this.update({ state, error });
    if (state === 'unreachable' && error) this.embedded?.noticeUnreachable(error);
  }

  /**
   * Every change names the new state; `error` and `progress` are kept only when given. `downSince` is
   * set when Temporal becomes unreachable and kept (through `starting`) until it is ready again.
   */
  private update(change: StatusChange): void {
    const {
      error: _previousError,
      progress: _previousProgress,
      downSince: previousDownSince,
      ...base
    } = this.current;
    const { error, progress, ...rest } = change;
    const merged = { ...base, ...rest, progress };
    const downSince =
      change.state === 'ready' || change.state === 'stopped'
        ? undefined
        : change.state === 'unreachable'
          ? (previousDownSince ?? new Date().toISOString())
          : previousDownSince;
    const next = withoutUndefined({ ...merged, error, downSince }) as TemporalStatus;
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.options.onStatus(next);
    this.sayOutage(previousDownSince, next);
  }

  /** One terminal line when an outage starts and one when it ends — the card shows it as it goes. */
  private sayOutage(previousDownSince: string | undefined, next: TemporalStatus): void {
    if (previousDownSince === undefined && next.downSince !== undefined) {
      this.options.onLog?.(
        `Temporal unreachable${next.error ? `: ${next.error}` : ''} — runs wait for it and go on when it is back`,
      );
    } else if (previousDownSince !== undefined && next.state === 'ready') {
      const seconds = Math.round((Date.now() - Date.parse(previousDownSince)) / 1000);
      this.options.onLog?.(`Temporal is back at ${next.address} after ${seconds} s`);
    }
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}
