/**
 * How a person finds a CLI process to crash it (scenarios 3b, 5b, 6): its pid, printed at start, and
 * its title. `npx durable-agent worker` runs as `npm exec durable-agent worker` → `sh -c durable-agent
 * worker` → `node …/.bin/durable-agent worker`, so a pattern on the command line matches the wrappers
 * too; the title `durable-agent-worker …` is the real worker's alone, on any install
 * (`pgrep -u "$USER" -f '^durable-agent-worker'`). Linux keeps only 15 characters of it as the process name, so
 * `pgrep -x` cannot match it: use `-f`.
 */
export function nameProcess(command: string, args: readonly string[]): void {
  // The title overwrites the command line's memory, which is longer than this: it holds the bin's path.
  process.title = [`durable-agent-${command}`, ...args].join(' ');
}

/** The process's own pid on a line of its own. */
export function pidLine(what: 'Worker' | 'Agent'): string {
  return `${what} pid ${process.pid} — simulate a crash with: kill -9 ${process.pid}`;
}
