import { readFileSync } from 'node:fs';

/**
 * A fenced code block a reader is meant to run, marked in its info string:
 * - ```` ```js run ```` is run with Node; ```` ```ts check ```` is type-checked (`strict`, `skipLibCheck: false`);
 * - ```` ```sh run ```` is pasted into one terminal and must exit 0;
 * - ```` ```sh run terminals ```` holds one terminal per command line (the flows that need several):
 *   a server (dev-server, worker, serve) is left running once it says it is ready, the others must exit 0;
 * - ```` ```sh skip reason="…" ```` cannot run in a test, and says why (checked to be there).
 * What a block prints is in the ```` ```text output ```` blocks right after it (one per terminal).
 * Other blocks are prose — except shell blocks, which must be marked one way or the other.
 */
export interface DocumentBlock {
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  readonly language: string;
  readonly mode: 'run' | 'check' | 'skip';
  /** `sh run terminals`: each command line is a terminal of its own. */
  readonly terminals: boolean;
  /** Why a `skip` block is not run. */
  readonly reason: string;
  readonly code: string;
  /** The lines the text says the block prints (its first `text output` block). */
  readonly output: readonly string[];
  /** Every `text output` block right after it, in order: one per terminal. */
  readonly outputs: readonly (readonly string[])[];
}

/** The languages whose blocks are commands for a terminal. */
export const SHELL_LANGUAGES: readonly string[] = ['sh', 'bash', 'shell', 'console'];

interface Fence {
  readonly line: number;
  readonly info: string;
  readonly code: string;
  readonly endLine: number;
}

function fencesOf(text: string): Fence[] {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^\s*```(\S.*)?$/.exec(lines[index] ?? '');
    if (!open) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index]?.trim() !== '```'; index++)
      body.push(lines[index] ?? '');
    fences.push({ line: start + 1, info: (open[1] ?? '').trim(), code: body.join('\n'), endLine: index + 1 });
  }
  return fences;
}

const wordsOf = (info: string): string[] =>
  info
    .replace(/\w+="[^"]*"/g, '')
    .split(/\s+/)
    .filter(Boolean);
const attributeOf = (info: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(info)?.[1];
const isOutput = (fence: Fence | undefined): boolean => {
  const [language, mode] = wordsOf(fence?.info ?? '');
  return language === 'text' && mode === 'output';
};

/** The marked blocks of a Markdown file, in order. */
export function documentBlocks(file: string): DocumentBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const fences = fencesOf(lines.join('\n'));
  const adjacent = (earlier: Fence, later: Fence | undefined): boolean =>
    later !== undefined &&
    lines
      .slice(earlier.endLine, later.line - 1)
      .join('\n')
      .trim() === '';
  const blocks: DocumentBlock[] = [];
  fences.forEach((fence, index) => {
    const [language = '', mode, ...flags] = wordsOf(fence.info);
    if (mode !== 'run' && mode !== 'check' && mode !== 'skip') return;
    const outputs: string[][] = [];
    for (let at = index; isOutput(fences[at + 1]) && adjacent(fences[at]!, fences[at + 1]); at++)
      outputs.push(fences[at + 1]!.code.split('\n').filter((line) => line.trim() !== ''));
    blocks.push({
      file,
      line: fence.line,
      language,
      mode,
      terminals: flags.includes('terminals'),
      reason: attributeOf(fence.info, 'reason') ?? '',
      code: fence.code,
      output: outputs[0] ?? [],
      outputs,
    });
  });
  return blocks;
}

/** The shell blocks of a Markdown file that say neither `run` nor `skip reason="…"` (`file:line`). */
export function unmarkedShellBlocks(file: string): string[] {
  return fencesOf(readFileSync(file, 'utf8'))
    .filter((fence) => {
      const [language = '', mode] = wordsOf(fence.info);
      return SHELL_LANGUAGES.includes(language) && mode !== 'run' && mode !== 'skip';
    })
    .map((fence) => `${file}:${fence.line}`);
}
