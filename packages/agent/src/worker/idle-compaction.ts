/** V8's `gc` options (with `--expose-gc`) of a collection that compacts the heap and gives its freed pages back. */
export const LAST_RESORT_GC = { type: 'major', execution: 'sync', flavor: 'last-resort' } as const;

type ExposedGc = (options: typeof LAST_RESORT_GC) => void;

/** A worker process's memory, given back: one compacting collection of each of its heaps. */
export type CompactMemory = () => void;

/** Where the main thread asks the workflow threads to compact theirs (`worker/workflow-threads.ts`). */
export const COMPACTION_CHANNEL = 'durable-agent:compact-memory';

/**
 * The compaction of this process's heaps, in a process started with `--expose-gc` (V8's `gc`) and
 * `--no-flush-bytecode` (lean worker processes: `LEAN_WORKER_PROCESS`); undefined otherwise. A compaction
 * otherwise throws away the bytecode of every function not run lately, and the next runs compile it again:
 * +450 ms of first token p95 at 50 runs. It compacts the main thread's heap at once (~70 ms), then each
 * workflow thread's, asked on `COMPACTION_CHANNEL`. An idle `durable-agent worker` went from 167 MB to 130
 * (bench/README.md, session 10).
 */
export function memoryCompaction(): CompactMemory | undefined {
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  if (typeof gc !== 'function' || !process.execArgv.includes('--no-flush-bytecode')) return undefined;
  return () => {
    gc(LAST_RESORT_GC);
    const threads = new BroadcastChannel(COMPACTION_CHANNEL);
    threads.postMessage('compact');
    threads.close();
  };
}

export interface IdleCompactionOptions {
  /** Whether the worker has work in hand now (a workflow activation or an activity). */
  readonly busy: () => boolean;
  readonly compact: CompactMemory;
  /** How long the worker must have had nothing in hand. */
  readonly idleMs?: number;
  /** How often `busy` is asked. */
  readonly checkMs?: number;
}

/**
 * Gives memory back once the worker goes idle: `idleMs` after it started, and after each stretch of work,
 * it compacts its heap once. V8 does the same on its own, but only 8–25 s later: until then an idle worker
 * keeps its start-up's garbage (~25 MB). Returns the function that stops watching.
 */
export function compactWhenIdle({
  busy,
  compact,
  idleMs = 2000,
  checkMs = 500,
}: IdleCompactionOptions): () => void {
  let workedSinceCompaction = true; // start-up's garbage
  let quietSince = Date.now();
  const timer = setInterval(() => {
    if (busy()) {
      workedSinceCompaction = true;
      quietSince = Date.now();
    } else if (workedSinceCompaction && Date.now() - quietSince >= idleMs) {
      workedSinceCompaction = false;
      compact();
    }
  }, checkMs);
  timer.unref();
  return () => clearInterval(timer);
}
