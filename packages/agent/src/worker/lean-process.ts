/**
 * What makes a worker process smaller at no measurable CPU (bench/README.md, sessions 9 and 10): 8 MB V8
 * semi-spaces for the main isolate instead of 16 MB, two glibc malloc arenas instead of eight per core
 * (the Temporal core's and Node's native threads), and V8's `gc`, with which an `AgentWorker` compacts its
 * heaps once it goes idle (`worker/idle-compaction.ts`) — with its bytecode kept, or the next runs pay for
 * compiling it again (+450 ms of first token p95 at 50 runs). The workflow thread's young generation is
 * small whatever the process (`worker/workflow-threads.ts`). 4 MB semi-spaces saved ~15 MB more but cost
 * ~10 % more CPU at 50 runs.
 */
export const LEAN_WORKER_PROCESS = {
  execArgv: ['--max-semi-space-size=8', '--expose-gc', '--no-flush-bytecode'],
  env: { MALLOC_ARENA_MAX: '2' },
} as const;

/** Set to `0` to keep a worker process as Node started it. */
export const LEAN_WORKER_VARIABLE = 'DURABLE_AGENT_LEAN_WORKER';

/**
 * Makes this process a lean worker. Both settings must be there when the process starts, so it re-executes
 * itself once (`process.execve`: same pid, arguments and output) with what it lacks; a setting the user
 * chose (`NODE_OPTIONS`, their own flags or `MALLOC_ARENA_MAX`) is kept. Where re-executing is impossible
 * (Windows, Node < 22.15) the process goes on as it is. Call it before writing anything: it returns only
 * when the process was not replaced.
 */
export function becomeLeanWorker(): void {
  const environment = process.env;
  if (environment[LEAN_WORKER_VARIABLE] === '0') return;
  const options = `${process.execArgv.join(' ')} ${environment.NODE_OPTIONS ?? ''}`;
  const addFlags = LEAN_WORKER_PROCESS.execArgv.filter((flag) => !options.includes(flag.split('=')[0]!));
  const addEnvironment = environment.MALLOC_ARENA_MAX === undefined ? LEAN_WORKER_PROCESS.env : {};
  if (addFlags.length === 0 && Object.keys(addEnvironment).length === 0) return;
  if (process.platform === 'win32' || typeof process.execve !== 'function') return;
  const args = [process.execPath, ...addFlags, ...process.execArgv, ...process.argv.slice(1)];
  process.execve(process.execPath, args, { ...environment, ...addEnvironment });
}
