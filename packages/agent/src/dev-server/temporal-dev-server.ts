import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AgentError, assertNever } from '../common/errors';
import { devServerArguments } from './dev-server-arguments';
import { devServerExitError } from './dev-server-failure';
import { isExecutableFile, temporalCliNotFound } from './find-temporal-cli';
import { findOrInstallTemporalCli } from './install-temporal-cli';
import { probeTemporal } from './is-temporal-reachable';
import { formatAddress } from './network-address';
import { getFreePort, isPortFree } from './port-probe';
import { SupervisedProcess, waitFor } from './supervised-process';
import {
  type ResolvedDevServerOptions,
  resolveDevServerOptions,
  type TemporalDevServerOptions,
} from './temporal-dev-server-options';
import { TemporalLog, type TemporalLogSummary } from './temporal-log';

/** A started server is `ready` until `stop()` (`stopping`) or its exit (`exited`); a reused one stays `ready`. */
export type TemporalDevServerStatus = 'ready' | 'stopping' | 'exited';

const pollIntervalMs = 200;

/**
 * A local Temporal dev server (`temporal server start-dev`): started, or reused when one already
 * answers on the address, and stopped cleanly. `start()` resolves once the server answers gRPC and
 * the namespace exists; on any failure it leaves no process behind.
 */
export class TemporalDevServer {
  /** `host:port` of the gRPC frontend. */
  readonly address: string;
  readonly namespace: string;
  /** The Web UI, when we started the server with one. */
  readonly uiUrl: string | undefined;
  /** The SQLite file we started the server with (absolute), when persistent. */
  readonly dbFile: string | undefined;
  /** A server already answered on the address; we did not start one and `stop()` leaves it alone. */
  readonly reused: boolean;
  private currentStatus: TemporalDevServerStatus = 'ready';

  private constructor(
    fields: Pick<TemporalDevServer, 'address' | 'namespace' | 'uiUrl' | 'dbFile' | 'reused'>,
    private readonly child: SupervisedProcess | undefined,
    private readonly stopGraceMs: number,
    private readonly log: TemporalLog | undefined,
  ) {
    this.address = fields.address;
    this.namespace = fields.namespace;
    this.uiUrl = fields.uiUrl;
    this.dbFile = fields.dbFile;
    this.reused = fields.reused;
  }

  /** Starts (or reuses) a dev server; see {@link TemporalDevServerOptions} for the defaults. */
  static async start(options: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
    const resolved = resolveDevServerOptions(options);
    const deadline = Date.now() + resolved.startTimeoutMs;
    if (resolved.port !== 0) {
      const existing = await findExistingServer(resolved, deadline);
      if (existing !== undefined) {
        return new TemporalDevServer(
          {
            address: existing,
            namespace: resolved.namespace,
            uiUrl: undefined,
            dbFile: undefined,
            reused: true,
          },
          undefined,
          0,
          undefined,
        );
      }
    }
    const lookingForCliAt = Date.now();
    const cliPath = await resolveCliPath(options.cliPath, options.onCliInstallProgress);
    // Time spent getting the CLI (a first download or build) does not count against the start timeout.
    const launchDeadline = deadline + (Date.now() - lookingForCliAt);
    const dbFile = resolved.dbFile === undefined ? undefined : path.resolve(resolved.dbFile);
    if (dbFile !== undefined) await mkdir(path.dirname(dbFile), { recursive: true });
    const logFile =
      options.logFile ?? (dbFile === undefined ? undefined : path.join(path.dirname(dbFile), 'temporal.log'));
    const log = new TemporalLog(logFile, options.onLogSummary);
    const onLine = (line: string) => {
      log.add(line);
      options.onLog?.(line);
    };
    let launched: Launched;
    try {
      launched = await launchWithRetries(cliPath, resolved, dbFile, launchDeadline, onLine);
    } catch (error) {
      await log.close();
      throw error;
    }
    const { child, address, uiPort } = launched;
    const uiUrl = uiPort === undefined ? undefined : `http://${formatAddress(resolved.ip, uiPort)}`;
    const server = new TemporalDevServer(
      { address, namespace: resolved.namespace, uiUrl, dbFile, reused: false },
      child,
      resolved.stopGraceMs,
      log,
    );
    server.watchExit(options.onExit);
    return server;
  }

  /** The process id of the server we started; `undefined` when reused. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get status(): TemporalDevServerStatus {
    return this.currentStatus;
  }

  /** Warnings and errors in the log of the server we started (and where its file is); `undefined` when reused. */
  get logSummary(): TemporalLogSummary | undefined {
    return this.log?.summary;
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once it has exited. No-op when reused. */
  async stop(): Promise<void> {
    if (this.child === undefined) return;
    if (this.currentStatus === 'ready') this.currentStatus = 'stopping';
    await this.child.terminate(this.stopGraceMs);
    this.currentStatus = 'exited';
    await this.log?.close();
  }

  private watchExit(onExit: TemporalDevServerOptions['onExit']): void {
    void this.child?.exited.then(async (exit) => {
      const expected = this.currentStatus === 'stopping';
      this.currentStatus = 'exited';
      await this.log?.close();
      onExit?.({ code: exit.code, signal: exit.signal, expected });
    });
  }
}

/** The address of a Temporal server already serving the namespace there; `undefined` when the port is closed. */
async function findExistingServer(
  options: ResolvedDevServerOptions,
  deadline: number,
): Promise<string | undefined> {
  const address = formatAddress(options.ip, options.port);
  for (;;) {
    const result = await probeTemporal(address, options.namespace, 2000);
    switch (result) {
      case 'closed':
        return undefined;
      case 'ready':
        return address;
      case 'namespace-missing':
        throw new AgentError(
          'namespace-not-found',
          `the Temporal server already running at ${address} has no namespace "${options.namespace}"; ` +
            `create it (temporal operator namespace create --address ${address} ${options.namespace}) or stop that server`,
        );
      case 'not-temporal':
        throw new AgentError(
          'port-in-use',
          `port ${options.port} is in use by another program (not a Temporal server at ${address}); ` +
            'stop that program or choose another port',
        );
      case 'refused':
        throw new AgentError(
          'port-in-use',
          `port ${options.port} is in use by a server that refuses connections without credentials ` +
            `(a Temporal behind an API key or mTLS at ${address}); stop it or choose another port`,
        );
      case 'starting':
        if (Date.now() >= deadline) {
          throw new AgentError(
            'dev-server-timeout',
            `the Temporal server at ${address} answers but did not become ready in time`,
          );
        }
        await sleep(pollIntervalMs);
        break;
      default:
        assertNever(result);
    }
  }
}

interface Launched {
  readonly child: SupervisedProcess;
  readonly address: string;
  readonly uiPort: number | undefined;
}

/**
 * Spawns the server and waits until it is ready, killing it on failure. A port picked as free can be
 * taken by someone else before the server binds it (parallel test workers do this), so a start on
 * picked ports is retried with new ones.
 */
async function launchWithRetries(
  cliPath: string,
  options: ResolvedDevServerOptions,
  dbFile: string | undefined,
  deadline: number,
  onLog: (line: string) => void,
): Promise<Launched> {
  const picksPorts = options.port === 0 || options.uiPort === 0;
  for (let attempt = 1; ; attempt++) {
    const port = options.port === 0 ? await getFreePort(options.ip) : options.port;
    const uiPort = await chooseUiPort(options);
    const address = formatAddress(options.ip, port);
    const child = SupervisedProcess.spawn(
      cliPath,
      devServerArguments({ ...options, port, uiPort, dbFile }),
      onLog,
    );
    try {
      await waitUntilReady(child, address, options.namespace, deadline, {
        uiPort,
        dbFile,
        timeoutMs: options.startTimeoutMs,
      });
      return { child, address, uiPort };
    } catch (error) {
      await child.terminate(2000);
      const lostRace = error instanceof AgentError && error.code === 'port-in-use';
      if (!(picksPorts && lostRace && attempt < 3 && Date.now() < deadline)) throw error;
    }
  }
}

async function resolveCliPath(
  cliPath: string | undefined,
  onInstallProgress: ((message: string) => void) | undefined,
): Promise<string> {
  if (cliPath === undefined) return findOrInstallTemporalCli({ onProgress: onInstallProgress });
  if (await isExecutableFile(cliPath)) return cliPath;
  throw temporalCliNotFound([`${cliPath} (the cliPath option)`]);
}

async function chooseUiPort(options: ResolvedDevServerOptions): Promise<number | undefined> {
  if (options.uiPort === undefined) return undefined;
  if (options.uiPort === 0) return getFreePort(options.ip);
  if (!(await isPortFree(options.ip, options.uiPort))) {
    throw new AgentError(
      'port-in-use',
      `port ${options.uiPort} (for the Temporal Web UI) is in use by another program; ` +
        'choose another UI port or run headless',
    );
  }
  return options.uiPort;
}

async function waitUntilReady(
  child: SupervisedProcess,
  address: string,
  namespace: string,
  deadline: number,
  context: { uiPort: number | undefined; dbFile: string | undefined; timeoutMs: number },
): Promise<void> {
  for (;;) {
    const exit = await waitFor(child.exited, pollIntervalMs);
    if (exit !== undefined) {
      throw devServerExitError({
        ...exit,
        spawnError: exit.error,
        output: child.output.last(),
        address,
        uiPort: context.uiPort,
        dbFile: context.dbFile,
      });
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const tail = child.output.last(10);
      throw new AgentError(
        'dev-server-timeout',
        `Temporal dev server did not answer at ${address} within ${context.timeoutMs} ms` +
          (tail.length > 0 ? `\nLast output:\n  ${tail.join('\n  ')}` : ' (it printed nothing)'),
      );
    }
    if ((await probeTemporal(address, namespace, Math.min(2000, remaining))) === 'ready') return;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
