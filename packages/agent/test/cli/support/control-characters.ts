const ESCAPE = '\u001b';
/** The sequences the CLI writes itself on a terminal: dim on/off, cursor up, cursor right, erase below. */
const CLI_SEQUENCES = new RegExp(`${ESCAPE}\\[(?:2m|22m|\\d*A|\\d*C|J)`, 'g');

/** The control characters in `text` but newline: C0, DEL, C1 and the right-to-left override. */
export function controlCharactersIn(text: string): string[] {
  return [...text].filter((character) => {
    const code = character.codePointAt(0) ?? 0;
    return (code < 0x20 && character !== '\n') || (code >= 0x7f && code < 0xa0) || code === 0x202e;
  });
}

/** `text` without the CLI's own escape sequences: what is left came from elsewhere. */
export function withoutCliSequences(text: string): string {
  return text.replace(CLI_SEQUENCES, '');
}
