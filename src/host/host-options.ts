import type { SaveExportFile } from '../shared/export-models';
import type { SecretStore } from './settings/secret-store';
import type { TemporalConnectionSecrets } from './settings/temporal-connection-store';
import type { TemporalTarget } from './temporal/temporal-service';
import type { WorkerLauncher } from './workers/worker-launcher';

export interface HostOptions {
  /** Where history.db, settings.json, secrets and the embedded Temporal's database live. */
  readonly dataDir: string;
  readonly launcher: WorkerLauncher;
  /** Default: the embedded dev server on 7233. A `temporalAddress` in the settings takes precedence. */
  readonly temporal?: TemporalTarget;
  /** Default: `<dataDir>/secrets.json`; the desktop shell passes a safeStorage one. */
  readonly secrets?: SecretStore;
  /** The model profiles' API keys; default: `<dataDir>/model-profile-keys.json`; the desktop shell: safeStorage. */
  readonly modelProfileSecrets?: SecretStore;
  /** The Temporal API key and mTLS client key; default: private files; the desktop shell: safeStorage. */
  readonly temporalSecrets?: TemporalConnectionSecrets;
  /** Workers started at launch; default 1. */
  readonly initialWorkers?: number;
  /** The offline demo model's tokens per second. */
  readonly demoModelPace?: number;
  /** The offline demo model's context window in tokens (default: no limit); longer inputs get its 400. */
  readonly demoModelContextWindow?: number;
  /** Graceful worker stop before SIGKILL; default 5 s. */
  readonly workerGraceMs?: number;
  /**
   * Each worker keeps a standby process, started and connected but not polling, that Start, Restart or a
   * crash promote at once (no 2–10 s start-up while a run waits); it costs one more process per worker.
   * The desktop app and web mode turn it on; default off.
   */
  readonly standbyWorkers?: boolean;
  /** Partial answers are saved at most this often; default 250 ms. */
  readonly persistIntervalMs?: number;
  /** Diagnostics (never receives the API key). */
  readonly log?: (line: string) => void;
  /** Who holds the data folder, as a second instance is told ("web mode", "the desktop app"). */
  readonly instanceName?: string;
  /** The desktop app's save dialog for exports (web mode downloads them instead). */
  readonly saveFile?: SaveExportFile;
  /** How often the runs schedules started are looked for and brought into the history; default 5 s. */
  readonly scheduleCheckIntervalMs?: number;
}
