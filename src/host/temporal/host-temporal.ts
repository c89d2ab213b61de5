import type { AgentClients } from '../agent/agent-clients';
import type { HostEvents } from '../host-events';
import type { RunCoordinator } from '../runs/run-coordinator';
import type { SettingsStore } from '../settings/settings-store';
import type { TemporalConnectionStore, TemporalCredentials } from '../settings/temporal-connection-store';
import type { WorkerSupervisor } from '../workers/worker-supervisor';
import { TemporalService, type TemporalTarget } from './temporal-service';

export interface HostTemporalOptions {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly connection: TemporalConnectionStore;
  /** The Temporal used while Settings name no address; default: the embedded dev server on 7233. */
  readonly fallback?: TemporalTarget;
  readonly events: HostEvents;
  readonly log: (line: string) => void;
}

/** What follows the Temporal when it is switched. */
export interface TemporalUsers {
  readonly agents: AgentClients;
  readonly runs: RunCoordinator;
  readonly supervisor: WorkerSupervisor;
}

/**
 * The host's Temporal: the one that Settings → Temporal name now (their address, namespace and
 * credentials, or the embedded dev server), and the one way to move to another (`switch`).
 */
export class HostTemporal {
  private service: TemporalService;
  /** Temporals switched away from: their runs wait for them; they are closed at quit. */
  private readonly retired: TemporalService[] = [];

  constructor(private readonly options: HostTemporalOptions) {
    this.service = this.make();
  }

  get current(): TemporalService {
    return this.service;
  }

  /** The connection's TLS and API key, for the Temporal address of Settings only (not the embedded one). */
  credentials(): Omit<TemporalCredentials, 'namespace'> {
    if (this.options.settings.stored().temporalAddress === null) return {};
    const { tls, apiKey } = this.options.connection.credentials();
    return { ...(tls === undefined ? {} : { tls }), ...(apiKey === undefined ? {} : { apiKey }) };
  }

  /**
   * Moves to the Temporal the settings name now, in this order: the one left keeps running (until quit);
   * the new one's status is told; Agent clients are made anew; unfinished runs are followed again — runs of
   * the Temporal now chosen finish, runs of the one left wait for it, shown as such; running workers
   * restart onto it (a worker's connection is fixed while it runs).
   */
  async switch({ agents, runs, supervisor }: TemporalUsers): Promise<void> {
    this.retired.push(this.service);
    this.service = this.make();
    this.options.events.emit('temporalStatusChanged', this.service.status());
    agents.invalidate();
    void runs.refollow();
    await supervisor.restartRunning();
  }

  /** Closes every Temporal this host used (an embedded one it started stops; an external one is left). */
  async close(): Promise<void> {
    await Promise.all(
      [this.service, ...this.retired].map((service) => service.close().catch(() => undefined)),
    );
  }

  private make(): TemporalService {
    const { dataDir, settings, connection, fallback, events, log } = this.options;
    const address = settings.stored().temporalAddress;
    const { namespace, ...credentials } = connection.credentials();
    return new TemporalService({
      dataDir,
      target: address
        ? { kind: 'external', address, ...(namespace ? { namespace } : {}), credentials }
        : (fallback ?? { kind: 'embedded' }),
      onStatus: (status) => events.emit('temporalStatusChanged', status),
      onLog: (line) => log(`[temporal] ${line}`),
    });
  }
}
