/** Highlight names of the CSS Custom Highlight API (styled with `::highlight(...)` in chat.css). */
const ALL_MATCHES = 'find-match';
const CURRENT_MATCH = 'find-current';

/** Every case-insensitive occurrence of `query` in the text under `root`, in document order. */
export function findMatches(root: HTMLElement, query: string): Range[] {
  const needle = query.toLowerCase();
  if (needle === '') return [];
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('button, textarea, [aria-hidden="true"]')) continue;
    const text = (node.nodeValue ?? '').toLowerCase();
    for (let index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + needle.length)) {
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + needle.length);
      ranges.push(range);
    }
  }
  return ranges;
}

/** Paints the matches (the current one apart) without touching the DOM React owns. */
export function paintMatches(ranges: readonly Range[], current: number): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  CSS.highlights.set(ALL_MATCHES, new Highlight(...ranges));
  const active = ranges[current];
  if (active) CSS.highlights.set(CURRENT_MATCH, new Highlight(active));
  else CSS.highlights.delete(CURRENT_MATCH);
}

export function clearMatches(): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  CSS.highlights.delete(ALL_MATCHES);
  CSS.highlights.delete(CURRENT_MATCH);
}

/** Scrolls the message scroller so the match is in view. */
export function revealMatch(range: Range | undefined): void {
  range?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
}
