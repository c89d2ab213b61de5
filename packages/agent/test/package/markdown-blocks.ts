import { readFileSync } from 'node:fs';

/**
 * A fenced code block a reader is meant to run, marked in its info string: ```` ```js run ```` is run
 * with Node (its output is checked against the ```` ```text output ```` block right after it, if any);
 * ```` ```ts check ```` is type-checked (`strict`, `skipLibCheck: false`). Other blocks are prose.
 */
export interface DocumentBlock {
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  readonly language: string;
  readonly mode: 'run' | 'check';
  readonly code: string;
  /** The lines the text says the block prints. */
  readonly output: readonly string[];
}

interface Fence {
  readonly line: number;
  readonly info: string[];
  readonly code: string;
  readonly endLine: number;
}

function fencesOf(text: string): Fence[] {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\S.*)?$/.exec(lines[index] ?? '');
    if (!open) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index] !== '```'; index++) body.push(lines[index] ?? '');
    fences.push({
      line: start + 1,
      info: (open[1] ?? '').trim().split(/\s+/),
      code: body.join('\n'),
      endLine: index + 1,
    });
  }
  return fences;
}

/** The marked blocks of a Markdown file, in order. */
export function documentBlocks(file: string): DocumentBlock[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const fences = fencesOf(text);
  const blocks: DocumentBlock[] = [];
  fences.forEach((fence, index) => {
    const [language = '', mode] = fence.info;
    if (mode !== 'run' && mode !== 'check') return;
    const next = fences[index + 1];
    const between = next
      ? lines
          .slice(fence.endLine, next.line - 1)
          .join('\n')
          .trim()
      : '';
    const output =
      next && next.info[0] === 'text' && next.info[1] === 'output' && between === ''
        ? next.code.split('\n').filter((line) => line.trim() !== '')
        : [];
    blocks.push({ file, line: fence.line, language, mode, code: fence.code, output });
  });
  return blocks;
}
