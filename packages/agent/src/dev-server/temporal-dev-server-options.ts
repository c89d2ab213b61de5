import { AgentError } from '../common/errors';
import type { DevServerLaunch, TemporalLogLevel } from './dev-server-arguments';
import type { TemporalLogSummary } from './temporal-log';

/** Options of {@link TemporalDevServer.start}. */
export interface TemporalDevServerOptions {
  /** gRPC port; default 7233; 0 picks a free port. */
  readonly port?: number;
  /** Web UI port; default port + 1000 (a free port when `port` is 0); 0 picks a free port. */
  readonly uiPort?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  readonly ip?: string;
  /** Persistent SQLite file (its directory is created); omitted = in-memory, lost on stop. */
  readonly dbFile?: string;
  /** Namespace that must exist (it is created on start); default `default`. */
  readonly namespace?: string;
  /** Server log level; default `warn`. */
  readonly logLevel?: TemporalLogLevel;
  /** How long to wait for the server to answer; default 30 000 ms. */
  readonly startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL; default 10 000 ms. */
  readonly stopGraceMs?: number;
  /**
   * The `temporal` binary; default `findOrInstallTemporalCli`: found, or else fetched once into the
   * cache (the official release, checksum checked, or `go install`).
   */
  readonly cliPath?: string;
  /** Progress of getting the Temporal CLI when none was found (downloading 40%, building…, ready). */
  readonly onCliInstallProgress?: (message: string) => void;
  /** No Web UI. */
  readonly headless?: boolean;
  /** Every line the server prints (stdout and stderr). */
  readonly onLog?: (line: string) => void;
  /**
   * The file that gets every line the server prints (appended); default `temporal.log` beside `dbFile`,
   * none for an in-memory server unless named here.
   */
  readonly logFile?: string;
  /**
   * Its warnings and errors, counted: called at the first one, then at most every 30 s while more come
   * (`describeTemporalLog(summary)` makes it one line).
   */
  readonly onLogSummary?: (summary: TemporalLogSummary) => void;
  /** Called once when a server we started exits after it was ready (expected or not). */
  readonly onExit?: (exit: TemporalDevServerExit) => void;
}

/** How a spawned server ended. */
export interface TemporalDevServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Whether `stop()` asked for it. */
  readonly expected: boolean;
}

/** The options with defaults applied and values checked: a launch (a port 0 still to pick) and its timeouts. */
export interface ResolvedDevServerOptions extends DevServerLaunch {
  /** `undefined` = headless; 0 = pick a free port. */
  readonly uiPort: number | undefined;
  readonly startTimeoutMs: number;
  readonly stopGraceMs: number;
}

const logLevels: readonly TemporalLogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Applies defaults; throws `invalid-options` naming the bad option. */
export function resolveDevServerOptions(options: TemporalDevServerOptions): ResolvedDevServerOptions {
  const port = checkPort('port', options.port ?? 7233);
  const uiPort =
    options.headless === true
      ? undefined
      : options.uiPort !== undefined
        ? checkPort('uiPort', options.uiPort)
        : port === 0
          ? 0
          : Math.min(port + 1000, 65535);
  const namespace = options.namespace ?? 'default';
  if (typeof namespace !== 'string' || !/^[A-Za-z0-9][\w.-]{0,254}$/.test(namespace)) {
    throw new AgentError('invalid-options', `invalid namespace "${String(namespace)}"`);
  }
  const logLevel = options.logLevel ?? 'warn';
  if (!logLevels.includes(logLevel)) {
    throw new AgentError(
      'invalid-options',
      `invalid logLevel "${logLevel}": expected one of ${logLevels.join(', ')}`,
    );
  }
  const ip = options.ip ?? '127.0.0.1';
  if (ip.trim() === '') throw new AgentError('invalid-options', 'ip must not be empty');
  if (options.dbFile !== undefined && options.dbFile.trim() === '') {
    throw new AgentError('invalid-options', 'dbFile must not be empty (omit it for an in-memory server)');
  }
  return {
    ip: ip === 'localhost' ? '127.0.0.1' : ip,
    port,
    uiPort,
    namespace,
    logLevel,
    dbFile: options.dbFile,
    startTimeoutMs: checkDuration('startTimeoutMs', options.startTimeoutMs ?? 30_000),
    stopGraceMs: checkDuration('stopGraceMs', options.stopGraceMs ?? 10_000),
  };
}

function checkPort(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new AgentError('invalid-options', `invalid ${name} ${value}: expected an integer from 0 to 65535`);
  }
  return value;
}

function checkDuration(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new AgentError(
      'invalid-options',
      `invalid ${name} ${value}: expected a positive number of milliseconds`,
    );
  }
  return value;
}
