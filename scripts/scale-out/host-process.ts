import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';

/**
 * A process started inside one host (network namespace) of the scale-out demo, with the host's own
 * hostname (a UTS namespace), so Temporal's worker identity `durable-agent@<host>:<pid>` names the host.
 * Keeps its output (also in `<runDir>/<label>.log`) and its JSON lines.
 */
export class HostProcess {
  readonly label: string;
  readonly child: ChildProcess;
  output = '';
  readonly lines: Record<string, unknown>[] = [];
  exited: Promise<number | null>;
  private readonly log: WriteStream;
  private readonly waiters = new Set<() => void>();

  constructor(
    label: string,
    namespace: string,
    hostname: string,
    command: readonly string[],
    runDir: string,
  ) {
    this.label = label;
    this.log = createWriteStream(path.join(runDir, `${label}.log`));
    this.child = spawn(
      'ip',
      [
        'netns',
        'exec',
        namespace,
        'unshare',
        '--uts',
        '--',
        'sh',
        '-c',
        'hostname "$1" && shift && exec "$@"',
        'sh',
        hostname,
        ...command,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let pending = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.output += text;
      this.log.write(text);
      pending += text;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        if (line.startsWith('{')) {
          try {
            this.lines.push(JSON.parse(line));
          } catch {
            // not one of ours
          }
        }
      }
      for (const wake of [...this.waiters]) wake();
    };
    this.child.stdout?.on('data', take);
    this.child.stderr?.on('data', take);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => {
        this.log.end();
        for (const wake of [...this.waiters]) wake();
        resolve(code);
      });
    });
  }

  /** Resolves once `check()` is true (checked on every output), rejects after `timeoutMs`. */
  async until<T>(what: string, check: () => T | undefined | false, timeoutMs: number): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`${this.label} exited while waiting for ${what}:\n${this.output.slice(-2000)}`);
      }
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0)
        throw new Error(`${this.label}: no ${what} within ${timeoutMs} ms:\n${this.output.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 500));
        this.waiters.add(wake);
      });
    }
  }

  kinds(kind: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.kind === kind);
  }
}
