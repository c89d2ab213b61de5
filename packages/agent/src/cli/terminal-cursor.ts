/**
 * Where a terminal's cursor ends up after some text is written: what the CLI needs to erase what it
 * printed (move up over exactly those rows). Models autowrap the way xterm-compatible terminals do: a
 * row filled to the last column wraps only when the next character comes, so a full row followed by a
 * newline takes one row, not two.
 */
export interface CursorPosition {
  /** Rows below the row where writing started. */
  readonly row: number;
  /** Characters on the cursor's row; equal to `columns` when the row is full and the wrap is pending. */
  readonly column: number;
}

const ESCAPE = '\u001b';
/** CSI sequences (colors, cursor moves) and OSC sequences (titles, links) take no room on screen. */
const ESCAPE_SEQUENCES = new RegExp(
  `${ESCAPE}\\[[0-?]*[ -/]*[@-~]|${ESCAPE}\\][^\u0007${ESCAPE}]*(?:\u0007|${ESCAPE}\\\\)`,
  'gu',
);
const TAB_WIDTH = 8;

/** The cursor after writing `text` from column 0 of a row, on a terminal `columns` wide. */
export function cursorAfter(text: string, columns: number): CursorPosition {
  const width = Math.max(1, Math.floor(columns));
  let row = 0;
  let column = 0;
  for (const character of text.replace(ESCAPE_SEQUENCES, '')) {
    if (character === '\n') {
      row += 1;
      column = 0;
      continue;
    }
    if (character === '\r') {
      column = 0;
      continue;
    }
    const size = character === '\t' ? TAB_WIDTH - (column % TAB_WIDTH) : characterWidth(character);
    if (size === 0) continue;
    if (column + size > width) {
      row += 1;
      column = 0;
    }
    column = Math.min(width, column + size);
  }
  return { row, column };
}

/** Columns a character takes: 0 for combining marks and control characters, 2 for wide ones (CJK, emoji). */
export function characterWidth(character: string): 0 | 1 | 2 {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (ZERO_WIDTH.some(([from, to]) => code >= from && code <= to)) return 0;
  if (WIDE.some(([from, to]) => code >= from && code <= to)) return 2;
  return 1;
}

const ZERO_WIDTH: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
];

const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];
