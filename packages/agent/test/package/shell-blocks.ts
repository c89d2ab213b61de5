import path from 'node:path';
import type { DocumentBlock } from './markdown-blocks';
import type { ShellSession, Terminal } from './shell-session';

/**
 * The servers a terminal of a `sh run terminals` block may start, and the line each prints once it is
 * ready: the flow goes on from there, and the server runs until the document's session ends. Any other
 * command must exit 0.
 */
const SERVERS: readonly { readonly command: RegExp; readonly ready: RegExp }[] = [
  { command: /\bdurable-agent dev-server\b/, ready: /Connect with TEMPORAL_ADDRESS=/ },
  { command: /\bdurable-agent worker\b/, ready: /Agent worker running\./ },
  { command: /\bdurable-agent serve\b/, ready: /AG-UI endpoint: / },
  { command: /^node src\/worker\.js\b/, ready: /Worker running on task queue/ },
];

const SERVER_START_MS = 120_000;
const COMMAND_MS = 240_000;

/** The commands of a shell block, one per logical line (with its `\` continuations); comments and blanks dropped. */
export function commandsOf(code: string): string[] {
  const commands: string[] = [];
  let current: string[] = [];
  for (const line of code.split('\n')) {
    if (current.length === 0 && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    current.push(line);
    if (!/\\\s*$/.test(line)) {
      commands.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length > 0) commands.push(current.join('\n'));
  return commands;
}

/** The block as a reader pastes it into one terminal, except that it stops at the first command that fails. */
function pasted(code: string): string {
  return commandsOf(code)
    .map((command) => `${command}\n__status=$?; [ "$__status" -eq 0 ] || exit "$__status"`)
    .join('\n');
}

/** A terminal that ran what it printed, and the lines the text says it prints. */
export interface Printed {
  readonly where: string;
  readonly terminal: Terminal;
  readonly expected: readonly string[];
}

/**
 * Runs one `run` block in the session: `sh run` as one terminal that must exit 0; `sh run terminals`
 * as one terminal per command — servers left running once ready, the rest exiting 0. Returns what each
 * terminal printed beside what the text says, to compare once the document's flow has run (a server
 * prints about work done after it started).
 */
export async function runShellBlock(
  session: ShellSession,
  block: DocumentBlock,
  where: string,
  directory: string,
): Promise<Printed[]> {
  const commands = block.terminals ? commandsOf(block.code) : [pasted(block.code)];
  const printed: Printed[] = [];
  for (const [index, command] of commands.entries()) {
    const server = block.terminals ? SERVERS.find((candidate) => candidate.command.test(command)) : undefined;
    const terminal = session.open(command, directory);
    const label = block.terminals ? `${where} terminal ${index + 1}` : where;
    printed.push({ where: label, terminal, expected: block.outputs[index] ?? [] });
    if (server) {
      await terminal.waitFor(server.ready, SERVER_START_MS);
      continue;
    }
    await endsWell(terminal, label);
  }
  return printed;
}

async function endsWell(terminal: Terminal, label: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), COMMAND_MS);
  });
  const ending = await Promise.race([terminal.exited, timedOut]);
  clearTimeout(timer);
  if (ending === 'timed out')
    throw new Error(`${label} did not end within ${COMMAND_MS} ms:\n${terminal.output}`);
  if (ending.code !== 0)
    throw new Error(
      `${label} ended with ${ending.code ?? ending.signal}:\n$ ${terminal.command}\n${terminal.output}`,
    );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Checks that `output` holds the `expected` lines in order, each within one line of output. What
 * changes from run to run may differ: numbers and hex ids (pids, ports, run ids, durations, tokens)
 * match any such token, `/home/me` is the reader's home, and a line `...` or `…` stands for anything.
 * Returns the first expected line not found (undefined when all are).
 */
export function missingLine(expected: readonly string[], output: string, home: string): string | undefined {
  const lines = output.replace(ESCAPES, '').split('\n');
  let from = 0;
  for (const line of expected) {
    if (/^\s*(\.\.\.|…)\s*$/.test(line)) continue;
    const pattern = patternOf(line.trim(), home);
    const found = lines.findIndex((candidate, index) => index >= from && pattern.test(candidate));
    if (found < 0) return line;
    from = found + 1;
  }
  return undefined;
}

function patternOf(line: string, home: string): RegExp {
  const parts = line.split(/(\/home\/me|\b[0-9a-f]*[0-9][0-9a-f]*\b)/);
  const source = parts
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return part === '/home/me' ? home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '[0-9a-f]+';
    })
    .join('');
  return new RegExp(source);
}

/** `file:line` of a block, relative to `root`. */
export const blockLabel = (block: DocumentBlock, root: string): string =>
  `${path.relative(root, block.file)}:${block.line}`;
