/**
 * Writes a run's output: streamed text as it arrives, and whole lines that always start on a line
 * of their own (a marker never sticks to the end of streamed text).
 */
export class StreamPrinter {
  private atLineStart = true;

  constructor(private readonly output: NodeJS.WritableStream = process.stdout) {}

  /** Streamed text, written as is. */
  write(text: string): void {
    if (text === '') return;
    this.output.write(text);
    this.atLineStart = text.endsWith('\n');
  }

  /** A line of its own: ends the current line first if streamed text left it open. */
  line(text: string): void {
    this.endLine();
    this.output.write(`${text}\n`);
  }

  /** Ends the current line if streamed text left it open. */
  endLine(): void {
    if (!this.atLineStart) this.output.write('\n');
    this.atLineStart = true;
  }

  /** Text that stays on the current line and waits for input, such as `you> `. */
  prompt(text: string): void {
    this.endLine();
    this.output.write(text);
    this.atLineStart = false;
  }

  /** Input typed after a prompt was echoed (or the terminal did it): the cursor is at a line start. */
  promptAnswered(): void {
    this.atLineStart = true;
  }
}
