import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LaunchedWorker, WorkerExit, WorkerLauncher, WorkerLaunchSpec } from './worker-launcher';

export interface ChildProcessLauncherOptions {
  /** The worker entry: built JavaScript, or `src/worker/index.ts` (run with Node's type stripping). */
  readonly entry: string;
  /** Every line the worker prints, prefixed by its label. */
  readonly onOutput?: (line: string) => void;
}

/** Workers as Node child processes (`child_process.fork`, with an IPC channel for reports). */
export function childProcessLauncher(options: ChildProcessLauncherOptions): WorkerLauncher {
  const execArgv = options.entry.endsWith('.ts')
    ? ['--experimental-strip-types', '--disable-warning=ExperimentalWarning']
    : [];
  return {
    launch(spec: WorkerLaunchSpec): LaunchedWorker {
      const child = fork(options.entry, [...spec.args], {
        env: { ...process.env, ...spec.env },
        // Not the host's own flags (a test runner's loaders, inspector ports).
        execArgv: [...execArgv, ...spec.execArgv],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'json',
      });
      for (const stream of [child.stdout, child.stderr]) {
        if (stream) {
          createInterface({ input: stream }).on('line', (line) =>
            options.onOutput?.(`[${spec.label}] ${line}`),
          );
        }
      }
      const exited = new Promise<WorkerExit>((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        child.once('error', (error) => {
          // Spawn failures emit 'error' and never 'exit'.
          if (child.pid === undefined) {
            options.onOutput?.(`[${spec.label}] could not start: ${error.message}`);
            resolve({ code: null, signal: null });
          }
        });
      });
      return {
        pid: child.pid,
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => void exited.then(listener),
        send(command) {
          if (child.connected) child.send(command, () => undefined);
        },
        kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        },
      };
    },
  };
}
