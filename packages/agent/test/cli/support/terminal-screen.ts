const ESCAPE = '\u001b';

/**
 * A tiny model of an xterm-compatible screen, enough to check what a user would see after the CLI's
 * output: printable characters with autowrap (a full row wraps when the next character comes), `\n` as
 * the terminal shows it (new line, column 0), `\r`, cursor up (`ESC[nA`), cursor right (`ESC[nC`), clear
 * to the end of the screen (`ESC[J`); colors (`ESC[…m`) are ignored. No scrolling: rows grow downwards.
 */
export class TerminalScreen {
  private readonly cells: string[][] = [[]];
  private row = 0;
  private column = 0;
  private wrapPending = false;

  constructor(readonly columns: number) {}

  write(text: string): void {
    for (let index = 0; index < text.length; index++) {
      const character = text[index]!;
      if (character === ESCAPE && text[index + 1] === '[') {
        const match = /^\[([0-9;]*)([A-Za-z])/.exec(text.slice(index + 1));
        if (!match) throw new Error(`unsupported escape sequence at ${JSON.stringify(text.slice(index))}`);
        this.control(match[2]!, Number(match[1] || '0'));
        index += match[0].length;
      } else if (character === '\n') {
        this.moveTo(this.row + 1, 0);
      } else if (character === '\r') {
        this.moveTo(this.row, 0);
      } else {
        this.print(character);
      }
    }
  }

  /** The screen's rows, without trailing spaces and without empty rows at the bottom. */
  lines(): string[] {
    const lines = this.cells.map((row) =>
      Array.from(row, (cell) => cell ?? ' ')
        .join('')
        .trimEnd(),
    );
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  private print(character: string): void {
    if (this.wrapPending) this.moveTo(this.row + 1, 0);
    this.rowAt(this.row)[this.column] = character;
    if (this.column === this.columns - 1) this.wrapPending = true;
    else this.column += 1;
  }

  private control(command: string, count: number): void {
    switch (command) {
      case 'A':
        this.moveTo(Math.max(0, this.row - Math.max(1, count)), this.column);
        return;
      case 'C':
        this.moveTo(this.row, Math.min(this.columns - 1, this.column + Math.max(1, count)));
        return;
      case 'J':
        this.rowAt(this.row).length = this.column;
        this.cells.length = this.row + 1;
        return;
      case 'm':
        return;
      default:
        throw new Error(`unsupported control ESC[${count}${command}`);
    }
  }

  private moveTo(row: number, column: number): void {
    this.row = row;
    this.column = column;
    this.wrapPending = false;
    this.rowAt(row);
  }

  private rowAt(row: number): string[] {
    while (this.cells.length <= row) this.cells.push([]);
    return this.cells[row]!;
  }
}
