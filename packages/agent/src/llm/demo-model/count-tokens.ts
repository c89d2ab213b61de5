/** A token: optional leading whitespace, then a run of letters/digits/apostrophes or one other character. */
const tokenPattern = /\s*(?:[\p{L}\p{N}']+|[^\s\p{L}\p{N}'])/gu;

/**
 * Splits text into the demo tokenizer's tokens. Joining the pieces gives the text back
 * (trailing whitespace rides on the last piece), so they can be streamed as deltas.
 */
export function splitTokens(text: string): string[] {
  const pieces = text.match(tokenPattern) ?? [];
  const trailing = text.slice(pieces.join('').length);
  if (trailing !== '' && pieces.length > 0) {
    pieces[pieces.length - 1] += trailing;
  }
  return pieces;
}

/** The demo tokenizer's token count of `text`; deterministic, used for every usage number. */
export function countTokens(text: string): number {
  return text.match(tokenPattern)?.length ?? 0;
}
