import path from 'node:path';
import type { TemporalTarget } from '../host/temporal/temporal-service';

/** How this launch is set up, from the environment (the installed app needs none of it). */
export interface DesktopOptions {
  /** Default: Electron's `userData` (the same folder web mode uses). */
  readonly dataDir?: string;
  /** Default: the embedded dev server on 7233. */
  readonly temporal?: TemporalTarget;
  readonly workers?: number;
  readonly demoPace?: number;
  /** Each worker keeps a standby process that replaces it at once (default on; `DURABLE_AGENT_STANDBY_WORKERS=0`). */
  readonly standbyWorkers: boolean;
}

export const DESKTOP_ENVIRONMENT = `DURABLE_AGENT_DATA_DIR         data folder (default: the platform's app-data folder)
DURABLE_AGENT_TEMPORAL_ADDRESS use the Temporal at host:port instead of the embedded dev server
DURABLE_AGENT_TEMPORAL_PORT    port of the embedded dev server (default 7233)
DURABLE_AGENT_WORKERS          workers started at launch (default 1)
DURABLE_AGENT_DEMO_PACE        tokens per second of the offline demo model
DURABLE_AGENT_STANDBY_WORKERS  0: no standby worker process (one less process per worker; Restart then waits for a start-up)`;

function integer(name: string, value: string | undefined, minimum: number, maximum: number) {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum || parsed > maximum) {
    throw new Error(`${name} must be an integer from ${minimum} to ${maximum}, got "${value}"`);
  }
  return parsed;
}

/** Reads the `DURABLE_AGENT_*` variables; throws a sentence naming the variable for a bad value. */
export function readDesktopOptions(environment: NodeJS.ProcessEnv): DesktopOptions {
  const address = environment.DURABLE_AGENT_TEMPORAL_ADDRESS || undefined;
  if (address !== undefined && !/^[^\s/]+:\d+$/.test(address)) {
    throw new Error(`DURABLE_AGENT_TEMPORAL_ADDRESS must look like host:port, got "${address}"`);
  }
  const port = integer('DURABLE_AGENT_TEMPORAL_PORT', environment.DURABLE_AGENT_TEMPORAL_PORT, 1, 65_535);
  const paceText = environment.DURABLE_AGENT_DEMO_PACE || undefined;
  const demoPace = paceText === undefined ? undefined : Number(paceText);
  if (demoPace !== undefined && !(Number.isFinite(demoPace) && demoPace >= 0)) {
    throw new Error(`DURABLE_AGENT_DEMO_PACE must be a number of tokens per second, got "${paceText}"`);
  }
  const workers = integer('DURABLE_AGENT_WORKERS', environment.DURABLE_AGENT_WORKERS, 0, 16);
  const dataDir = environment.DURABLE_AGENT_DATA_DIR || undefined;
  const temporal: TemporalTarget | undefined = address
    ? { kind: 'external', address }
    : port !== undefined
      ? { kind: 'embedded', port }
      : undefined;
  return {
    ...(dataDir ? { dataDir: path.resolve(dataDir) } : {}),
    ...(temporal ? { temporal } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(demoPace !== undefined ? { demoPace } : {}),
    standbyWorkers: environment.DURABLE_AGENT_STANDBY_WORKERS !== '0',
  };
}
