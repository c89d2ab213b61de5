import { createInterface } from 'node:readline';
import type { ForkOptions, UtilityProcess } from 'electron';
import type {
  LaunchedWorker,
  WorkerExit,
  WorkerLauncher,
  WorkerLaunchSpec,
} from '../host/workers/worker-launcher';

/** `utilityProcess.fork` (a fake in tests). */
export type ForkUtilityProcess = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcess;

export interface UtilityProcessLauncherOptions {
  /** The built worker entry (`out/main/worker.js`). */
  readonly entry: string;
  readonly fork: ForkUtilityProcess;
  /** Every line the worker prints, prefixed by its label. */
  readonly onOutput?: (line: string) => void;
  /** Sends a signal to a pid (`process.kill`); injectable for tests. */
  readonly signal?: (pid: number, signal: 'SIGTERM' | 'SIGKILL') => void;
  readonly platform?: NodeJS.Platform;
}

/**
 * Workers as Electron utility processes (the worker entry talks over `process.parentPort`).
 * `utilityProcess` reports only an exit code, so the signal is inferred from the one we sent: a process
 * that ends with a non-zero code after our SIGKILL (or SIGTERM) is reported as ended by that signal,
 * like Node's `child_process` does. On Windows, where signals do not exist, SIGTERM is left to the
 * `shutdown` message the supervisor sends with it, and SIGKILL terminates the process.
 */
export function utilityProcessLauncher(options: UtilityProcessLauncherOptions): WorkerLauncher {
  const platform = options.platform ?? process.platform;
  const signal = options.signal ?? ((pid, name) => process.kill(pid, name));
  return {
    launch(spec: WorkerLaunchSpec): LaunchedWorker {
      const child = options.fork(options.entry, [...spec.args], {
        env: { ...process.env, ...spec.env },
        execArgv: [...spec.execArgv],
        stdio: 'pipe',
        serviceName: `Durable Agent ${spec.label}`,
      });
      let pid = child.pid;
      let sent: 'SIGTERM' | 'SIGKILL' | undefined;
      let exit: WorkerExit | undefined;
      const exitListeners: ((exit: WorkerExit) => void)[] = [];
      child.once('spawn', () => {
        pid = child.pid;
      });
      for (const stream of [child.stdout, child.stderr]) {
        if (stream) {
          createInterface({ input: stream }).on('line', (line) =>
            options.onOutput?.(`[${spec.label}] ${line}`),
          );
        }
      }
      child.once('exit', (code) => {
        exit = code !== 0 && sent ? { code: null, signal: sent } : { code, signal: null };
        for (const listener of exitListeners.splice(0)) listener(exit);
      });
      return {
        // Read live: a utility process has its pid only once spawned; kept after it exits.
        get pid() {
          return pid ?? child.pid;
        },
        onMessage: (listener) => void child.on('message', listener),
        onExit(listener) {
          if (exit) queueMicrotask(() => listener(exit!));
          else exitListeners.push(listener);
        },
        send(command) {
          if (!exit) child.postMessage(command);
        },
        kill(name) {
          if (exit) return;
          if (platform === 'win32') {
            if (name === 'SIGKILL') {
              sent = name;
              child.kill();
            }
            return;
          }
          sent = name === 'SIGKILL' || sent === 'SIGKILL' ? 'SIGKILL' : name;
          const target = pid ?? child.pid;
          if (target === undefined) {
            // Not spawned yet: Electron's own kill (SIGTERM, reaped on exit).
            child.kill();
            return;
          }
          try {
            signal(target, name);
          } catch {
            // Already gone: the exit event follows.
          }
        },
      };
    },
  };
}
