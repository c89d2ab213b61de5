import path from 'node:path';
import { parseArgs } from 'node:util';
import { appDataFolder } from './app-data-folder';

export interface WebOptions {
  /** 0 = a random free port. */
  readonly port: number;
  readonly dataDir: string;
  /** An external Temporal (`host:port`); default: the embedded dev server. */
  readonly temporalAddress?: string;
  /** Port of the embedded dev server; default 7233. */
  readonly temporalPort?: number;
  readonly workers: number;
  /** Each worker keeps a standby process that replaces it at once (`--no-standby`: not). */
  readonly standbyWorkers: boolean;
  readonly demoPace?: number;
  /** The built renderer (index.html + assets). */
  readonly rendererDir: string;
}

export const WEB_USAGE = `Usage: npm run web -- [options]

  --port <n>              port on 127.0.0.1 (default: a random free port)
  --data-dir <folder>     data folder (default: $DURABLE_AGENT_DATA_DIR, else the platform's app-data folder)
  --temporal-address <a>  use the Temporal at host:port instead of the embedded dev server
  --temporal-port <n>     port of the embedded dev server (default 7233)
  --workers <n>           workers started at launch (default 1)
  --no-standby            no standby worker process (one less process per worker; Restart then waits for a start-up)
  --demo-pace <n>         tokens per second of the offline demo model
  --renderer <folder>     the built renderer (default: out/renderer)
  --help                  this text`;

function integer(name: string, value: string | undefined, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum || parsed > 65_535) {
    throw new Error(`--${name} must be an integer from ${minimum} to 65535, got "${value}"`);
  }
  return parsed;
}

/** Reads web mode's options from argv and the environment; throws a sentence for bad values. */
export function parseWebOptions(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv,
  defaultRendererDir: string,
): WebOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'temporal-address': { type: 'string' },
      'temporal-port': { type: 'string' },
      workers: { type: 'string' },
      'no-standby': { type: 'boolean' },
      'demo-pace': { type: 'string' },
      renderer: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const temporalAddress = values['temporal-address'];
  if (temporalAddress !== undefined && !/^[^\s/]+:\d+$/.test(temporalAddress)) {
    throw new Error(`--temporal-address must look like host:port, got "${temporalAddress}"`);
  }
  const demoPace = values['demo-pace'] === undefined ? undefined : Number(values['demo-pace']);
  if (demoPace !== undefined && !(Number.isFinite(demoPace) && demoPace >= 0)) {
    throw new Error(`--demo-pace must be a number of tokens per second, got "${values['demo-pace']}"`);
  }
  const dataDir = values['data-dir'] ?? environment.DURABLE_AGENT_DATA_DIR ?? appDataFolder(environment);
  return {
    port: integer('port', values.port, 0) ?? 0,
    dataDir: path.resolve(dataDir),
    temporalAddress,
    temporalPort: integer('temporal-port', values['temporal-port'], 1),
    workers: integer('workers', values.workers, 0) ?? 1,
    standbyWorkers: values['no-standby'] !== true,
    demoPace,
    rendererDir: path.resolve(values.renderer ?? defaultRendererDir),
  };
}
