import { cursorAfter } from './terminal-cursor';
import { visibleText } from './terminal-text';

/** Where the printer writes: stdout, or a fake with the same terminal properties in tests. */
export type PrinterOutput = NodeJS.WritableStream & {
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
};

const ESCAPE = '\u001b';

/** What was written since a region began, and the start of the line it began on. */
interface Region {
  readonly lineBefore: string;
  text: string;
}

/**
 * Writes a run's output: streamed text as it arrives, and whole lines that always start on a line
 * of their own (a marker never sticks to the end of streamed text). On a terminal it can erase what it
 * wrote since a region began (an abandoned attempt's text), counting the rows it took from the
 * terminal's width; elsewhere (pipes, files) nothing is ever erased.
 */
export class StreamPrinter {
  private atLineStart = true;
  /** The current line's text so far, to know the column where a region begins. */
  private currentLine = '';
  private region: Region | undefined;

  constructor(private readonly output: PrinterOutput = process.stdout) {}

  /** True when the output is a terminal that can be erased (stdout.isTTY with a known width). */
  get isTerminal(): boolean {
    return this.output.isTTY === true && (this.output.columns ?? 0) > 0;
  }

  /** Streamed text, control characters shown as visible stand-ins (see `visibleText`). */
  write(text: string): void {
    if (text === '') return;
    this.emit(visibleText(text));
    this.atLineStart = text.endsWith('\n');
  }

  /** A line of its own: ends the current line first if streamed text left it open. */
  line(text: string): void {
    this.endLine();
    this.emit(`${visibleText(text)}\n`);
  }

  /** A line shown dimmed on a terminal (a side note), plain elsewhere. */
  dimLine(text: string): void {
    if (!this.isTerminal) {
      this.line(text);
      return;
    }
    this.endLine();
    this.emit(`${ESCAPE}[2m${visibleText(text)}${ESCAPE}[22m\n`);
  }

  /** Ends the current line if streamed text left it open. */
  endLine(): void {
    if (!this.atLineStart) this.emit('\n');
    this.atLineStart = true;
  }

  /** Text that stays on the current line and waits for input, such as `you> `. */
  prompt(text: string): void {
    this.endLine();
    this.emit(visibleText(text));
    this.atLineStart = false;
  }

  /**
   * Input typed after a prompt was echoed (or the terminal did it): the cursor is at a line start. What
   * the terminal echoed was not written here, so an open region can no longer be erased: it ends.
   */
  promptAnswered(): void {
    this.atLineStart = true;
    this.currentLine = '';
    this.region = undefined;
  }

  /** Begins a region that `eraseRegion` can take back (on a terminal; elsewhere this does nothing). */
  startRegion(): void {
    this.region = this.isTerminal ? { lineBefore: this.currentLine, text: '' } : undefined;
  }

  get hasRegion(): boolean {
    return this.region !== undefined;
  }

  endRegion(): void {
    this.region = undefined;
  }

  /**
   * Erases everything written since the region began: moves the cursor up over the rows it took (line
   * wraps counted with the terminal's current width) and clears to the end of the screen. The region
   * stays open, now empty. False (nothing erased) without a region, or when its top has scrolled off
   * the screen, where no cursor can reach.
   */
  eraseRegion(): boolean {
    const region = this.region;
    if (region === undefined || !this.isTerminal) return false;
    if (region.text === '') return true;
    const columns = this.output.columns ?? 80;
    const start = normalized(cursorAfter(region.lineBefore, columns), columns);
    const end = cursorAfter(region.lineBefore + region.text, columns);
    const rowsUp = Math.max(0, end.row - start.row);
    if (rowsUp >= (this.output.rows ?? Number.POSITIVE_INFINITY)) return false;
    const up = rowsUp > 0 ? `${ESCAPE}[${rowsUp}A` : '';
    const right = start.column > 0 ? `${ESCAPE}[${start.column}C` : '';
    this.output.write(`\r${up}${right}${ESCAPE}[J`);
    region.text = '';
    this.currentLine = region.lineBefore;
    this.atLineStart = region.lineBefore === '';
    return true;
  }

  private emit(text: string): void {
    this.output.write(text);
    if (this.region) this.region.text += text;
    const newline = text.lastIndexOf('\n');
    this.currentLine = newline < 0 ? this.currentLine + text : text.slice(newline + 1);
  }
}

/** A full row whose wrap is pending: the next character goes to column 0 of the next row. */
function normalized(position: { row: number; column: number }, columns: number) {
  return position.column >= columns ? { row: position.row + 1, column: 0 } : position;
}
