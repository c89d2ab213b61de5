import path from 'node:path';
import { isStillRunning, type ProcessEntry, type ReadProcess, readProcess } from './process-table';
import { visibleLine } from './terminal-text';

/** Package runners whose process only waits for the command it started (`npx`, `npm exec`, `pnpm dlx`…). */
const PACKAGE_RUNNERS = new Set([
  'npm',
  'npx',
  'npm-cli.js',
  'npx-cli.js',
  'pnpm',
  'pnpx',
  'pnpm.cjs',
  'pnpm.js',
  'yarn',
  'yarn.js',
  'yarn.cjs',
  'bun',
  'bunx',
]);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash']);
const NODES = new Set(['node', 'nodejs']);
/** Wrappers are looked for this many levels up at most. */
const MAX_DEPTH = 6;

/**
 * The processes between this one and whoever started it that only run it: `npx durable-agent worker`
 * is `npm exec …` (npm's title) → `sh -c durable-agent worker` → `node …/.bin/durable-agent worker`.
 * Nearest first; empty when the parent is a shell, a terminal or a supervisor (a global install, `node
 * bin/durable-agent.js`, a service manager).
 */
export function findLaunchers(read: ReadProcess = readProcess, self: number = process.pid): ProcessEntry[] {
  const launchers: ProcessEntry[] = [];
  let parentPid = read(self)?.parentPid ?? process.ppid;
  while (launchers.length < MAX_DEPTH) {
    const parent = read(parentPid);
    if (parent === undefined || !isLauncher(parent.command)) break;
    launchers.push(parent);
    parentPid = parent.parentPid;
  }
  return launchers;
}

/** Whether a command line is a package runner, or the shell one runs a package's bin with. */
export function isLauncher(command: string): boolean {
  const words = command.trim().split(/\s+/);
  const first = path.basename(words[0] ?? '');
  if (SHELLS.has(first)) return words[1] === '-c' && command.includes('durable-agent');
  const program = NODES.has(first) ? path.basename(words[1] ?? '') : first;
  return PACKAGE_RUNNERS.has(program);
}

export interface LauncherWatch {
  stop(): void;
}

/**
 * Calls `onGone` once when a launcher ends (killed with `kill -9`, say): the terminal shows `Killed` and
 * its prompt, so this process must not go on polling unseen. Checks every `intervalMs`; the timer does
 * not keep the process alive.
 */
export function watchLaunchers(
  launchers: readonly ProcessEntry[],
  onGone: (launcher: ProcessEntry) => void,
  options: { readonly intervalMs?: number; readonly read?: ReadProcess } = {},
): LauncherWatch {
  if (launchers.length === 0) return { stop: () => undefined };
  const read = options.read ?? readProcess;
  const timer = setInterval(() => {
    const gone = launchers.find((launcher) => !isStillRunning(launcher, read));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, options.intervalMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * For `durable-agent worker` and `agent`: when a wrapper that started this process is gone, say so and
 * `stop` as on SIGTERM (a worker hands its attempt back at once, an agent keeps its run for later);
 * exit anyway after `forceAfterMs`. Nothing to watch (no wrapper): nothing happens.
 */
export function stopWhenLauncherGone(what: string, stop: () => void, forceAfterMs = 5000): LauncherWatch {
  return watchLaunchers(findLaunchers(), (launcher) => {
    const command = visibleLine(launcher.command.slice(0, 80));
    console.error(
      `The process that started this ${what} (pid ${launcher.pid}, ${command}) is gone: stopping.`,
    );
    setTimeout(() => process.exit(143), forceAfterMs).unref();
    stop();
  });
}
