import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { outputPaths } from './output-paths';

export interface WebHostOptions {
  readonly dataDir: string;
  /** Workers started at launch (default 1). */
  readonly workers?: number;
  /** The demo model's tokens per second. */
  readonly demoPace?: number;
  /** Default: the e2e run's shared Temporal. */
  readonly temporalAddress?: string;
  /**
   * Run the host's own embedded dev server on this port (its Web UI on port + 1000, its database in the
   * data folder) instead of an external Temporal.
   */
  readonly embeddedTemporalPort?: number;
}

/** A web-mode host process (`node out/web/main.js`), as `npm run web` starts it. */
export interface WebHost {
  /** The address it printed, token included. */
  readonly url: string;
  readonly pid: number;
  /** Everything it printed (both streams): attached to a failing test. */
  readonly output: readonly string[];
  /** SIGKILL: a crash, no cleanup (its workers notice the parent is gone). */
  kill(): Promise<void>;
  /** SIGTERM: a normal quit (workers stopped); SIGKILL if it takes too long. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

function temporalAddress(options: WebHostOptions): string {
  const address = options.temporalAddress ?? process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS;
  if (!address) throw new Error('no Temporal address: the e2e global setup did not run');
  return address;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const args = [
    outputPaths.webMain,
    '--port',
    '0',
    '--data-dir',
    options.dataDir,
    ...(options.embeddedTemporalPort === undefined
      ? ['--temporal-address', temporalAddress(options)]
      : ['--temporal-port', String(options.embeddedTemporalPort)]),
    '--workers',
    String(options.workers ?? 1),
    '--renderer',
    outputPaths.renderer,
  ];
  if (options.demoPace !== undefined) args.push('--demo-pace', String(options.demoPace));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: outputPaths.root });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`web mode printed no address within ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`)),
      START_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /Durable Agent web UI: (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`web mode exited (${signal ?? code}) before printing its address:\n${output.join('\n')}`),
      );
    });
  });
  return {
    url,
    pid: child.pid!,
    output,
    async kill() {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    },
  };
}
