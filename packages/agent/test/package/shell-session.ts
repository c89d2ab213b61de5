import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A reader's machine for one document's shell blocks: a private network namespace (only loopback, so
 * the ports the text names — 7233, 8787 — are free and the npm registry is out of reach) and a private
 * pid namespace (so `pgrep -u "$USER"` sees the reader's processes only, and closing the session ends
 * every process started in it, as a reboot would). Each terminal is bash entering both, reading its
 * commands from a file (as from a paste: they are not on its command line, where `pgrep -f` would see them).
 */
export class ShellSession {
  private readonly terminals: Terminal[] = [];
  private readonly scripts = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-terminals-'));

  private constructor(
    private readonly holder: ChildProcess,
    /** The pid, outside, of the namespaces' first process. */
    private readonly initPid: number,
    readonly directory: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async open(directory: string, env: NodeJS.ProcessEnv): Promise<ShellSession> {
    // Without root, a user namespace maps the caller to root inside (where the kernel allows it).
    const asUser = process.getuid?.() === 0 ? [] : ['--map-root-user'];
    const holder = spawn(
      'unshare',
      [
        ...asUser,
        '--net',
        '--pid',
        '--fork',
        '--mount-proc',
        'sh',
        '-c',
        'ip link set lo up && exec sleep infinity',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let failure = '';
    holder.stderr?.on('data', (chunk: Buffer) => {
      failure += chunk.toString();
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const initPid = childOf(holder.pid);
      if (initPid !== undefined && commandOf(initPid).startsWith('sleep')) {
        return new ShellSession(holder, initPid, directory, env);
      }
      if (holder.exitCode !== null || Date.now() > deadline) {
        holder.kill('SIGKILL');
        throw new Error(`could not make the reader's namespaces with unshare: ${failure || 'timed out'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Opens a terminal in `directory` (default: the session's) running `command` with bash. */
  open(command: string, directory = this.directory): Terminal {
    const script = path.join(this.scripts, `terminal-${this.terminals.length + 1}.sh`);
    writeFileSync(script, `${command}\n`);
    const child = spawn(
      'nsenter',
      [
        '--target',
        String(this.initPid),
        '--net',
        '--pid',
        '--mount',
        `--wd=${directory}`,
        '--',
        'bash',
        script,
      ],
      { cwd: directory, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const terminal = new Terminal(command, child);
    this.terminals.push(terminal);
    return terminal;
  }

  /** Ends every process of the session (the namespace's first process takes them all with it). */
  async close(): Promise<void> {
    const ended = new Promise((resolve) => this.holder.once('exit', resolve));
    if (this.holder.exitCode === null) this.holder.kill('SIGKILL');
    try {
      process.kill(this.initPid, 'SIGKILL');
    } catch {
      // already gone
    }
    await ended;
    await Promise.all(this.terminals.map((terminal) => terminal.exited));
    rmSync(this.scripts, { recursive: true, force: true });
  }
}

/** One terminal: what it printed (stdout and stderr, as a reader sees them) and how it ended. */
export class Terminal {
  private text = '';
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  constructor(
    readonly command: string,
    child: ChildProcess,
  ) {
    const append = (chunk: Buffer): void => {
      this.text += chunk.toString();
      for (const wake of this.waiters) wake();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exited = new Promise((resolve) =>
      child.once('close', (code, signal) => {
        for (const wake of this.waiters) wake();
        resolve({ code, signal });
      }),
    );
    this.exited.then(() => {
      this.ended = true;
    });
  }

  private ended = false;

  get output(): string {
    return this.text;
  }

  /** Resolves once the output matches `pattern`; rejects when the terminal ends first or at `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text)) {
      if (this.ended) throw new Error(`\`${this.command}\` ended before printing ${pattern}:\n${this.text}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`\`${this.command}\` did not print ${pattern} within ${timeoutMs} ms:\n${this.text}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }
}

function childOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children ? Number(children.split(/\s+/)[0]) : undefined;
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
