import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const PACKAGE_DIRECTORY = path.join(__dirname, '..', '..', '..');
const BIN = path.join(PACKAGE_DIRECTORY, 'bin', 'durable-agent.js');
const BUILT_MAIN = path.join(PACKAGE_DIRECTORY, 'dist', 'cli', 'main.js');
/** The repository root, where `npx durable-agent` finds the workspace's bin. */
export const REPOSITORY_ROOT = path.join(PACKAGE_DIRECTORY, '..', '..');

/** Fails with the fix when the CLI has not been compiled (the processes run `dist`, not the sources). */
export function assertLibraryBuilt(): void {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(
      `${path.relative(process.cwd(), BUILT_MAIN)} is missing: run npm run build:lib first (the CLI scenarios run the built bin)`,
    );
  }
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface WaitOptions {
  /** Look only at stdout from this offset on (see `mark()`). */
  readonly from?: number;
  readonly timeoutMs?: number;
}

/** A `durable-agent` process: its stdin, its captured output, bounded waits on what it prints. */
export class CliProcess {
  private stdoutText = '';
  private combinedText = '';
  private exitStatus: ProcessExit | undefined;
  private readonly exited: Promise<ProcessExit>;
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
    private readonly ownGroup = false,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.stdoutText += chunk.toString();
      this.combinedText += chunk.toString();
      this.notify();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.combinedText += chunk.toString();
      this.notify();
    });
    child.stdin?.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve(this.exitStatus);
        this.notify();
      });
    });
  }

  /** Runs `node bin/durable-agent.js <args>` in `cwd` with exactly `env`. */
  static start(label: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliProcess {
    assertLibraryBuilt();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new CliProcess(label, child);
  }

  /**
   * Runs `command <args>` (e.g. `npx durable-agent worker`) as a terminal's job would: in a process
   * group of its own, which `killGroup()` ends with everything it started.
   */
  static startCommand(
    label: string,
    command: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
  ): CliProcess {
    assertLibraryBuilt();
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    return new CliProcess(label, child, true);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  /** stdout and stderr interleaved, for failure reports. */
  get output(): string {
    return this.combinedText;
  }

  get exit(): ProcessExit | undefined {
    return this.exitStatus;
  }

  /** The current end of stdout: pass it as `from` to wait only for what comes next. */
  mark(): number {
    return this.stdoutText.length;
  }

  /** Waits until stdout (from `from`) contains `expected`; resolves with the offset just after it. */
  async waitFor(expected: string | RegExp, options: WaitOptions = {}): Promise<number> {
    const { from = 0, timeoutMs = 30_000 } = options;
    const find = (): number | undefined => {
      const text = this.stdoutText.slice(from);
      if (typeof expected === 'string') {
        const index = text.indexOf(expected);
        return index < 0 ? undefined : from + index + expected.length;
      }
      const match = expected.exec(text);
      return match === null ? undefined : from + match.index + match[0].length;
    };
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found !== undefined) {
          finish();
          resolve(found);
        } else if (this.exitStatus !== undefined) {
          finish();
          reject(
            new Error(
              `${this.label} exited (${describeExit(this.exitStatus)}) before printing ${String(expected)}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.label} did not print ${String(expected)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Types a line into the process's stdin. */
  send(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  /** Closes stdin (Ctrl+D). */
  endInput(): void {
    this.child.stdin?.end();
  }

  signal(signal: NodeJS.Signals): void {
    if (this.exitStatus === undefined) this.child.kill(signal);
  }

  async waitForExit(timeoutMs = 15_000): Promise<ProcessExit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.label} did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  /** kill -9 if still running (its whole process group when it has one), and wait for the exit. Safe to call any number of times. */
  async kill(): Promise<void> {
    if (this.ownGroup) this.killGroup();
    this.signal('SIGKILL');
    await this.waitForExit(5000).catch(() => undefined);
  }

  /** kill -9 of every process left in its process group (a `startCommand` job and what it started). */
  killGroup(): void {
    if (!this.ownGroup || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export function describeExit(exit: ProcessExit): string {
  return exit.signal === null ? `exit code ${exit.code}` : `killed by ${exit.signal}`;
}
