/**
 * Text from outside the CLI (model text, tool names, arguments and results, error messages, a prompt
 * read back from a file) made safe to print on a terminal: a control character cannot move the cursor,
 * erase lines, set the window title or hide text, so nothing printed can pass for something else (an
 * approval prompt, a `[complete]` line). Each control character is replaced by a visible stand-in —
 * `ESC [2J` prints as `␛[2J` — so what was hidden shows instead of vanishing. The CLI's own escape
 * sequences (the dim `[retry]` line, erasing an abandoned attempt) are written around this, never
 * through it.
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls (U+0080–U+009F, e.g. U+009B, a one-character CSI),
 * and the bidirectional overrides and isolates that can reorder what a line appears to say. (Built
 * from strings: the ranges name control characters on purpose.)
 */
const CONTROLS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROL_CHARACTERS = new RegExp(`[${CONTROLS}]`, 'gu');
/** The same, and also newline, tab and the line and paragraph separators: for text kept on one line. */
const CONTROL_CHARACTERS_AND_LINE_BREAKS = new RegExp(`[${CONTROLS}\\u0009\\u000a\\u2028\\u2029]`, 'gu');

/** Multi-line text (a streamed answer, an error): newlines and tabs kept, every other control shown. */
export function visibleText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, standIn);
}

/** One line (a tool name, its arguments, a reason): newlines are shown as `␊` instead of breaking it. */
export function visibleLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS_AND_LINE_BREAKS, standIn);
}

/**
 * U+2400 + code for C0 (`␛` for ESC, `␍` for CR, `␊` for LF), `␡` for DEL; C1 controls, line and
 * paragraph separators and bidirectional formatting have no picture: `�`.
 */
function standIn(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}
