import { probeTemporal } from 'durable-agent';
import type { TemporalState, TemporalStatus } from '../../shared/models';
import { type EmbeddedTemporal, startEmbeddedTemporal } from './embedded-temporal';

/** Where the app's Temporal is: its own dev server, or an address from settings. */
export type TemporalTarget =
  | { readonly kind: 'embedded'; readonly port?: number; readonly uiPort?: number }
  | { readonly kind: 'external'; readonly address: string; readonly namespace?: string };

export interface TemporalServiceOptions {
  readonly dataDir: string;
  readonly target: TemporalTarget;
  readonly onStatus: (status: TemporalStatus) => void;
  readonly onLog?: (line: string) => void;
  /** How often reachability is checked; default 5 s. */
  readonly monitorIntervalMs?: number;
}

/** Starts or finds Temporal, reports its status as it changes, and stops what it started. */
export class TemporalService {
  private current: TemporalStatus;
  private embedded: EmbeddedTemporal | undefined;
  private monitor: NodeJS.Timeout | undefined;
  private closed = false;
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
    this.ready = this.start();
    this.ready.catch(() => undefined);
  }

  status(): TemporalStatus {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.monitor);
    await this.ready.catch(() => undefined);
    await this.embedded?.stop();
    this.update({ state: 'stopped' });
  }

  private async start(): Promise<string> {
    const { target } = this.options;
    try {
      if (target.kind === 'embedded') {
        this.embedded = await startEmbeddedTemporal({
          dataDir: this.options.dataDir,
          port: target.port,
          uiPort: target.uiPort,
          onLog: this.options.onLog,
          onUnexpectedExit: (detail) =>
            this.update({ state: 'unreachable', error: `the Temporal dev server exited (${detail})` }),
        });
        if (this.closed) await this.embedded.stop();
        const { address, namespace, webUiUrl } = this.embedded;
        this.update({ address, namespace, state: 'ready', ...(webUiUrl ? { webUiUrl } : {}) });
      } else {
        await this.check();
      }
    } catch (error) {
      this.update({ state: 'unreachable', error: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      if (!this.closed) {
        this.monitor = setInterval(
          () => void this.check().catch(() => undefined),
          this.options.monitorIntervalMs ?? 5000,
        );
        this.monitor.unref();
      }
    }
    return this.current.address;
  }

  /** Probes the address; for an external target, `ready` waits until it answers. */
  private async check(): Promise<void> {
    const result = await probeTemporal(this.current.address, this.current.namespace, 2000);
    const state: TemporalState =
      result === 'ready' ? 'ready' : result === 'starting' ? 'starting' : 'unreachable';
    const error =
      result === 'ready'
        ? undefined
        : result === 'namespace-missing'
          ? `the server at ${this.current.address} has no namespace "${this.current.namespace}"`
          : result === 'not-temporal'
            ? `${this.current.address} is not a Temporal server`
            : `no Temporal server answers at ${this.current.address}`;
    this.update({ state, error });
  }

  /** Every change names the new state; `error` is kept only when given. */
  private update(change: { state: TemporalState; error?: string } & Partial<TemporalStatus>): void {
    const { error: _previous, ...base } = this.current;
    const { error, ...rest } = change;
    const next: TemporalStatus = { ...base, ...rest, ...(error ? { error } : {}) };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.options.onStatus(next);
  }
}
