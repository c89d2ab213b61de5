import { type ChildProcess, spawn } from 'node:child_process';
import { OutputTail } from './output-tail';
import { endWithThisProcess } from './parent-death-watchdog';

/** How a child process ended; `error` when it could not be spawned at all. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

/**
 * A child process we own: its output is followed line by line, `terminate()` is polite first and
 * forced after a grace period, and it ends with this process however this one ends: SIGTERM from an
 * exit handler, and a watchdog for a `kill -9` of this process (where no handler runs).
 */
export class SupervisedProcess {
  readonly output: OutputTail;
  readonly exited: Promise<ProcessExit>;
  private exit: ProcessExit | undefined;
  private terminating: Promise<ProcessExit> | undefined;

  private constructor(
    private readonly child: ChildProcess,
    onLine?: (line: string) => void,
  ) {
    this.output = new OutputTail(60, onLine);
    if (child.stdout) this.output.follow(child.stdout);
    if (child.stderr) this.output.follow(child.stderr);
    const killOnExit = () => {
      child.kill('SIGTERM');
    };
    process.once('exit', killOnExit);
    const watchdog = endWithThisProcess(child.pid);
    this.exited = new Promise<ProcessExit>((resolve) => {
      const done = (exit: ProcessExit) => {
        if (this.exit !== undefined) return;
        this.exit = exit;
        process.removeListener('exit', killOnExit);
        watchdog.dispose();
        resolve(exit);
      };
      // 'close' comes after the output streams ended, so the output is complete by then.
      child.once('close', (code, signal) => done({ code, signal }));
      child.once('error', (error) => done({ code: null, signal: null, error }));
    });
  }

  /** Starts `file args…` with stdin closed and stdout/stderr captured. */
  static spawn(file: string, args: readonly string[], onLine?: (line: string) => void): SupervisedProcess {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    return new SupervisedProcess(child, onLine);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process has ended (and its output is complete). */
  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. Safe to call repeatedly. */
  terminate(graceMs: number): Promise<ProcessExit> {
    this.terminating ??= this.stop(graceMs);
    return this.terminating;
  }

  private async stop(graceMs: number): Promise<ProcessExit> {
    if (this.exit !== undefined) return this.exit;
    this.child.kill('SIGTERM');
    const polite = await waitFor(this.exited, graceMs);
    if (polite !== undefined) return polite;
    this.child.kill('SIGKILL');
    // SIGKILL cannot be ignored; the wait is bounded only against a process stuck in the kernel.
    return (await waitFor(this.exited, 5000)) ?? { code: null, signal: 'SIGKILL' };
  }
}

/** `promise`'s value, or `undefined` after `timeoutMs`. */
export function waitFor<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
