import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('packages/agent/bin/durable-agent.js');

/** A `durable-agent agent` process of the soak: its output, its end, a kill -9. */
export class CliAgent {
  private text = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [BIN, 'agent', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.text += chunk.toString();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.text += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get output(): string {
    return this.text;
  }

  /** The streamed text after the last `--- stream start ---`, so far (none before the first). */
  streamed(): string {
    const start = this.text.lastIndexOf('--- stream start ---');
    return start < 0 ? '' : this.text.slice(start + 20);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Notes between answer lines, the worker of a retried attempt (`[attempt 2 on <worker>]`) among them. */
const MARKER = /^\[(waiting|reconnecting|reconnected|warning|approval|attempt \d+ on [^\]]+)\]/;
const RESTART = /^(--- stream start ---|\[retry\]|\[resume\]|\[tool\]|\[tool result\])/;

/**
 * The answer as the person at the terminal read it, in a pipe: the text after the last line that starts
 * it over (a new attempt, a tool round, a resumed run) up to `[complete]`; notes between are skipped.
 * Whitespace is collapsed: a note printed mid-answer breaks its line.
 */
export function answerRead(output: string): string {
  const lines = output.split('\n');
  const end = lines.findLastIndex((line) => line.startsWith('[complete]') || line.startsWith('[error]'));
  const upTo = end < 0 ? lines : lines.slice(0, end);
  const start = upTo.findLastIndex((line) => RESTART.test(line));
  return upTo
    .slice(start + 1)
    .filter((line) => !MARKER.test(line))
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
}
