import os from 'node:os';
import path from 'node:path';
import { AgentError } from '../common/errors';
import type { TemporalLogLevel } from '../dev-server/dev-server-arguments';
import { TemporalDevServer } from '../dev-server/temporal-dev-server';
import { describeTemporalLog } from '../dev-server/temporal-log';
import { type CommandLine, defineCommand } from './define-command';
import { findPortOwner } from './port-owner';
import { visibleText } from './terminal-text';
import { UsageError } from './usage-error';

const flags = {
  port: { type: 'string' },
  'ui-port': { type: 'string' },
  db: { type: 'string' },
  'in-memory': { type: 'boolean' },
  namespace: { type: 'string' },
  'log-level': { type: 'string' },
  headless: { type: 'boolean' },
} as const;

const logLevels: readonly TemporalLogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The CLI's data folder: `DURABLE_AGENT_DATA_DIR`, else `~/.local/share/durable-agent`. */
function dataDirectory(env: NodeJS.ProcessEnv): string {
  return env.DURABLE_AGENT_DATA_DIR || path.join(os.homedir(), '.local', 'share', 'durable-agent');
}

/** Where `dev-server` keeps Temporal's SQLite file unless `--db` says otherwise. */
export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDirectory(env), 'temporal.db');
}

function help(): string {
  return `Usage: durable-agent dev-server [options]

Starts a local Temporal dev server (temporal server start-dev) whose workflows survive restarts.
It stops on Ctrl+C / SIGTERM, and with this command however it ends (kill -9 included). Temporal's
own log goes to temporal.log beside the database; the terminal gets a one-line summary of its
warnings and errors. A server already running on the port is used as is, and this command says
which process it is and how to stop it.

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

interface CommandOptions {
  readonly port: number;
  readonly uiPort: number | undefined;
  readonly dbFile: string | undefined;
  readonly namespace: string | undefined;
  readonly logLevel: TemporalLogLevel | undefined;
  readonly headless: boolean;
}

function parseOptions({ values }: CommandLine<typeof flags>): CommandOptions {
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
export const run = defineCommand({ name: 'dev-server', help, flags, parse: parseOptions, run: runDevServer });

async function runDevServer(parsed: CommandOptions, stop?: AbortSignal): Promise<number> {
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
      // The server's own lines go to its log file; the terminal gets a summary while it runs (start-up
      // failures carry the output in their error; while stopping, the server warns about every
      // connection being closed).
      logFile: path.join(
        parsed.dbFile === undefined ? dataDirectory(process.env) : path.dirname(parsed.dbFile),
        'temporal.log',
      ),
      onLogSummary: (summary) => {
        if (running) console.error(`[temporal] ${visibleText(describeTemporalLog(summary))}`);
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
    for (const line of howToStop(server.address)) console.log(line);
    return 0;
  }
  const ui = server.uiUrl === undefined ? 'no Web UI' : `Web UI ${server.uiUrl}`;
  const data = server.dbFile === undefined ? 'in memory only' : `data in ${server.dbFile}`;
  running = true;
  console.log(`Temporal dev server ready at ${server.address} (${ui}), ${data}`);
  console.log(
    `Dev server pid ${process.pid}, Temporal pid ${server.pid} — Temporal ends with this command ` +
      `(Ctrl+C, or kill ${process.pid}; a kill -9 of it ends Temporal too).`,
  );
  console.log(`Temporal's log: ${server.logSummary?.file ?? 'not kept'}.`);
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

/** Says that this command did not start the server it found, which process it is, and how to stop it. */
function howToStop(address: string): string[] {
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  const owner = findPortOwner(port);
  const notOurs = 'This command did not start it, so it keeps running when this command ends.';
  if (owner === undefined) {
    return [
      notOurs,
      'To stop it, find it with: pgrep -u "$USER" -af "temporal server start-dev" — then kill <pid>.',
    ];
  }
  const command = owner.command.length > 100 ? `${owner.command.slice(0, 97)}…` : owner.command;
  return [notOurs, `It is pid ${owner.pid} (${command}); stop it with: kill ${owner.pid}`];
}
