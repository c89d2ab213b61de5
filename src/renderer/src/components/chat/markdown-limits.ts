/**
 * Limits past which an answer is shown as plain text instead of Markdown. Parsing and rendering Markdown
 * recurse with its nesting: 20 KB of `- - - …` (10,000 nested lists) or `>>>>…` pinned the page for ~45 s
 * and then overflowed the stack, leaving a blank window every time the conversation was opened again.
 * Highlighting and laying out a very long answer froze the page for seconds. Below these limits every
 * real answer renders as Markdown; above them the text is still all there, as written.
 */
export const MARKDOWN_LIMITS = {
  /** Deepest nesting of block containers (lists, quotes, indentation) rendered as Markdown. */
  maxNesting: 32,
  /** Longest answer, in characters, rendered as Markdown. */
  maxCharacters: 100_000,
} as const;

/** A list item or block quote opening a container: `- `, `* `, `+ `, `1. `, `1) ` or `>`. */
const CONTAINER_MARKER = /[ \t]{0,3}(?:[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|>)[ \t]?/y;

/** True when `text` is small and shallow enough to render as Markdown (see `MARKDOWN_LIMITS`). */
export function rendersAsMarkdown(text: string): boolean {
  if (text.length > MARKDOWN_LIMITS.maxCharacters) return false;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const lineEnd = end === -1 ? text.length : end;
    if (nestingOf(text, start, lineEnd) > MARKDOWN_LIMITS.maxNesting) return false;
    start = lineEnd + 1;
  }
  return true;
}

/** Containers a line opens: its markers, and its indentation (two columns a level), walked in one pass. */
function nestingOf(text: string, start: number, end: number): number {
  let indent = 0;
  while (start + indent < end && (text[start + indent] === ' ' || text[start + indent] === '\t')) indent++;
  let depth = Math.floor(indent / 2);
  CONTAINER_MARKER.lastIndex = start + indent;
  while (CONTAINER_MARKER.lastIndex < end && CONTAINER_MARKER.exec(text) !== null) {
    depth++;
    if (depth > MARKDOWN_LIMITS.maxNesting) return depth;
  }
  return depth;
}
