import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AgentError } from '../common/errors';
import type { TemporalLogLevel } from '../dev-server/dev-server-arguments';
import { TemporalDevServer } from '../dev-server/temporal-dev-server';
import { visibleText } from './terminal-text';

const options = {
  port: { type: 'string' },
  'ui-port': { type: 'string' },
  db: { type: 'string' },
  'in-memory': { type: 'boolean' },
  namespace: { type: 'string' },
  'log-level': { type: 'string' },
  headless: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const logLevels: readonly TemporalLogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Where `dev-server` keeps Temporal's SQLite file unless `--db` says otherwise. */
export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  const dataDirectory =
    env.DURABLE_AGENT_DATA_DIR || path.join(os.homedir(), '.local', 'share', 'durable-agent');
  return path.join(dataDirectory, 'temporal.db');
}

function help(): string {
  return `Usage: durable-agent dev-server [options]

Starts a local Temporal dev server (temporal server start-dev) whose workflows survive restarts,
or reuses the one already running on the port. Stops it on Ctrl+C / SIGTERM.

Options:
  --port <n>          gRPC port (default 7233; 0 picks a free port)
  --ui-port <n>       Web UI port (default port + 1000)
  --headless          no Web UI
  --db <file>         SQLite file for Temporal's state (default ${defaultDatabaseFile()};
                      DURABLE_AGENT_DATA_DIR moves the default)
  --in-memory         keep nothing: no db file
  --namespace <name>  namespace to create and wait for (default "default")
  --log-level <l>     server log level: ${logLevels.join(', ')} (default warn)
  -h, --help          show this help

The Temporal CLI is found via TEMPORAL_CLI_PATH, resources/bin, PATH, or the cache
(~/.cache/durable-agent/bin; DURABLE_AGENT_CACHE moves it). When there is none, the first start gets
one into the cache: the official release for this platform (its SHA-256 checked against the release's
checksums), else \`go install\` where Go is installed. DURABLE_AGENT_NO_TEMPORAL_INSTALL=1 turns that off.`;
}

class UsageError extends Error {}

interface CommandOptions {
  readonly port: number;
  readonly uiPort: number | undefined;
  readonly dbFile: string | undefined;
  readonly namespace: string | undefined;
  readonly logLevel: TemporalLogLevel | undefined;
  readonly headless: boolean;
}

function parseCommandOptions(args: string[]): CommandOptions | 'help' {
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if (values.db !== undefined && values['in-memory'])
    throw new UsageError('Use either --db or --in-memory, not both.');
  const logLevel = values['log-level'];
  if (logLevel !== undefined && !logLevels.includes(logLevel as TemporalLogLevel)) {
    throw new UsageError(`Invalid --log-level "${logLevel}"; expected one of ${logLevels.join(', ')}.`);
  }
  return {
    port: portOption('port', values.port) ?? 7233,
    uiPort: portOption('ui-port', values['ui-port']),
    dbFile: values['in-memory'] ? undefined : path.resolve(values.db ?? defaultDatabaseFile()),
    namespace: values.namespace,
    logLevel: logLevel as TemporalLogLevel | undefined,
    headless: values.headless ?? false,
  };
}

function portOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new UsageError(`Invalid --${name} "${text}"; expected a port from 0 to 65535.`);
  }
  return value;
}

/** Resolves with the signal's name on SIGINT/SIGTERM (or `abort` when `stop` aborts), removing its listeners. */
function shutdownRequested(stop: AbortSignal | undefined): { promise: Promise<string>; dispose(): void } {
  let dispose = (): void => {};
  const promise = new Promise<string>((resolve) => {
    const onSignal = (signal: string): void => {
      dispose();
      resolve(signal);
    };
    const onAbort = (): void => onSignal('abort');
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop?.removeEventListener('abort', onAbort);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (stop?.aborted) onAbort();
    else stop?.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose };
}

/**
 * `durable-agent dev-server`: runs a Temporal dev server until SIGINT/SIGTERM (or `stop`, for tests).
 * Exit codes: 0 after a clean stop or when an already-running server is reused, 1 when the server
 * fails or exits on its own, 2 for bad options, 130 when interrupted while starting.
 */
export async function run(args: string[], stop?: AbortSignal): Promise<number> {
  let parsed: CommandOptions | 'help';
  try {
    parsed = parseCommandOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nRun \`durable-agent dev-server --help\` for the options.`);
    return 2;
  }
  if (parsed === 'help') {
    console.log(help());
    return 0;
  }

  // Listen for Ctrl+C before starting, so an interrupt during start-up still cleans up.
  const shutdown = shutdownRequested(stop);
  let interrupted = false;
  let running = false;
  void shutdown.promise.then(() => {
    interrupted = true;
  });
  let exited: (code: number | null, signal: string | null) => void = () => {};
  const serverExited = new Promise<string>((resolve) => {
    exited = (code, signal) => resolve(signal !== null ? `killed by ${signal}` : `exit code ${code}`);
  });

  console.log(
    `Starting Temporal dev server on 127.0.0.1:${parsed.port === 0 ? '<free port>' : parsed.port} …`,
  );
  let server: TemporalDevServer;
  try {
    server = await TemporalDevServer.start({
      port: parsed.port,
      uiPort: parsed.uiPort,
      headless: parsed.headless,
      dbFile: parsed.dbFile,
      namespace: parsed.namespace,
      logLevel: parsed.logLevel,
      // The server's own log lines (already filtered by --log-level); its banner repeats what we print.
      // Only while it runs: start-up failures carry the output in their error, and while stopping
      // the server's workers warn about every connection being closed.
      onLog: (line) => {
        if (running && /\blevel=/.test(line)) console.error(`[temporal] ${visibleText(line)}`);
      },
      onExit: (exit) => {
        if (!exit.expected) exited(exit.code, exit.signal);
      },
      onCliInstallProgress: (message) => console.log(visibleText(message)),
    });
  } catch (error) {
    shutdown.dispose();
    if (interrupted) {
      console.error('Interrupted while the Temporal dev server was starting; nothing is left running.');
      return 130;
    }
    if (error instanceof AgentError) {
      console.error(`[error] ${visibleText(error.message)}`);
      return 1;
    }
    throw error;
  }

  if (server.reused) {
    shutdown.dispose();
    console.log(
      `Reusing the Temporal server already running at ${server.address} (namespace ${server.namespace}).`,
    );
    console.log('It was not started by this command, so it keeps running; nothing else to do.');
    return 0;
  }
  const ui = server.uiUrl === undefined ? 'no Web UI' : `Web UI ${server.uiUrl}`;
  const data = server.dbFile === undefined ? 'in memory only' : `data in ${server.dbFile}`;
  running = true;
  console.log(`Temporal dev server ready at ${server.address} (${ui}), ${data}`);
  console.log(`Connect with TEMPORAL_ADDRESS=${server.address}. Press Ctrl+C to stop.`);

  const reason = await Promise.race([shutdown.promise.then(() => undefined), serverExited]);
  shutdown.dispose();
  running = false;
  if (reason !== undefined) {
    console.error(`[error] Temporal dev server stopped unexpectedly (${reason}).`);
    await server.stop();
    return 1;
  }
  console.log('Stopping Temporal dev server …');
  await server.stop();
  console.log('Temporal dev server stopped.');
  return 0;
}
