import readline from 'node:readline';
import { visibleText } from './terminal-text';

/**
 * Reads lines from stdin one question at a time. Lines typed ahead are kept for the next question;
 * EOF answers `undefined`. When stdin is not a terminal (piped input), the answer is echoed after the
 * prompt so the transcript reads as it would in a terminal.
 */
export class LineReader {
  private readonly buffered: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  /** Takes lines typed while no question waits (e.g. steers while an answer streams). */
  private diverted: ((line: string) => void) | undefined;
  private closed = false;

  private constructor(
    private readonly lines: readline.Interface,
    private readonly output: NodeJS.WritableStream,
    private readonly echo: boolean,
  ) {
    lines.on('line', (line) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(line);
      else if (this.diverted) this.diverted(line);
      else this.buffered.push(line);
    });
    lines.on('close', () => {
      this.closed = true;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(undefined);
    });
  }

  static open(
    input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
    output: NodeJS.WritableStream = process.stdout,
  ): LineReader {
    const terminal = input.isTTY === true;
    const lines = readline.createInterface({ input, output, terminal });
    return new LineReader(lines, output, !terminal);
  }

  /** Shows `prompt` and resolves with the next line, or `undefined` once input has ended. */
  async question(prompt: string): Promise<string | undefined> {
    this.lines.setPrompt(prompt);
    if (!this.closed) this.lines.prompt(true);
    else this.output.write(prompt);
    const line = this.buffered.shift() ?? (this.closed ? undefined : await this.nextLine());
    if (line === undefined) this.output.write('\n');
    else if (this.echo) this.output.write(`${visibleText(line)}\n`);
    return line;
  }

  /**
   * Lines that arrive while no question waits go to `handler` instead of waiting for the next question
   * (until `divert(undefined)`); lines typed ahead before it still wait for the next question.
   */
  divert(handler: ((line: string) => void) | undefined): void {
    this.diverted = handler;
  }

  /** Ctrl+C typed in a terminal (readline takes it from the process while reading). */
  onInterrupt(handler: () => void): void {
    this.lines.on('SIGINT', handler);
  }

  close(): void {
    this.lines.close();
  }

  private nextLine(): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}
