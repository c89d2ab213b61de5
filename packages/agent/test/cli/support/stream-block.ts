const START = '--- stream start ---';
const END = '--- stream end ---';

/** The lines of the first `--- stream start ---` … `--- stream end ---` block of `text`, both included. */
export function streamBlock(text: string): string[] {
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`no complete stream block in:\n${text}`);
  return text.slice(start, end + END.length).split('\n');
}

/** Matches a `[usage]` line and checks that total = prompt + completion. */
export function parseUsageLine(line: string | undefined): {
  prompt: number;
  completion: number;
  total: number;
} {
  const match = /^\[usage\] prompt=(\d+) completion=(\d+) total=(\d+)$/.exec(line ?? '');
  if (match === null) throw new Error(`not a [usage] line: ${JSON.stringify(line)}`);
  const [prompt, completion, total] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (total !== prompt + completion) throw new Error(`usage total ${total} ≠ ${prompt} + ${completion}`);
  return { prompt, completion, total };
}

/**
 * Replaces the `[usage]` line of a block by `[usage] prompt=N completion=N total=N` after checking it,
 * so a block compares with `toEqual` against the seed's lines.
 */
export function withUsagePlaceholder(lines: readonly string[]): string[] {
  return lines.map((line) => {
    if (!line.startsWith('[usage]')) return line;
    parseUsageLine(line);
    return '[usage] prompt=N completion=N total=N';
  });
}

/** The block the seed shows for a streamed answer `text` (usage as a placeholder, see withUsagePlaceholder). */
export function answerBlock(text: string): string[] {
  return [START, text, '[complete]', '[usage] prompt=N completion=N total=N', END];
}
