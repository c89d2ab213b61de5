import path from 'node:path';
import workerThreads from 'node:worker_threads';
import { COMPACTION_CHANNEL, LAST_RESORT_GC } from './idle-compaction';

/** The file of the SDK's workflow threads (`@temporalio/worker/lib/workflow/`). */
const SDK_WORKFLOW_THREAD = path.join('workflow', 'workflow-worker-thread.js');

/**
 * Runs inside a workflow thread before the SDK's code: its entries into the workflow sandbox run without
 * a `vm` timeout. The SDK enters the sandbox several times per workflow activation, each time with its
 * 5 s deadlock timeout, and Node enforces a `vm` timeout with a watchdog thread it creates and joins per
 * call: 0.1 ms on an idle machine, 0.4 ms on a busy 2-core one, against 3 µs without — about a third of
 * the workflow thread's time when 50 runs start together (bench/README.md). The library's workflow code
 * never blocks, so what is given up is only the SDK's "potential deadlock" error for a task stuck 5 s.
 */
function enterSandboxWithoutTimeout(vm: typeof import('node:vm')): void {
  const runInContext = vm.Script.prototype.runInContext;
  vm.Script.prototype.runInContext = function (this: import('node:vm').Script, context, options) {
    if (options?.timeout === undefined) return runInContext.call(this, context, options);
    const { timeout: _ignored, ...rest } = options;
    return runInContext.call(this, context, rest);
  };
}

/**
 * Runs inside a workflow thread before the SDK's code: the SDK's promise hook is never installed. For
 * Temporal's stack-trace query the SDK records, for every promise the workflow code creates, an `Error`
 * and its formatted stack: ~40 % of the workflow thread's time when 50 runs start together, which delays
 * every run's first workflow task (bench/README.md, session 8). What is given up is the content of that
 * query (the Temporal UI's "Stack Trace" tab is empty for the library's runs); errors keep their stacks.
 */
function withoutPromiseStackTraces(v8: typeof import('node:v8')): void {
  // Only the SDK's hook (installed from its `vm-shared.js`): Node's own async context tracking, which the
  // SDK's cancellation scopes rely on, installs its hooks through the same function.
  const createHook = v8.promiseHooks.createHook;
  v8.promiseHooks.createHook = (hooks) =>
    /[\\/]workflow[\\/]vm-shared\.js:/.test(new Error().stack ?? '') ? () => undefined : createHook(hooks);
}

/**
 * Runs inside a workflow thread: with `--expose-gc` (lean worker processes), the thread compacts its heap
 * when the main thread asks (`memoryCompaction` in `worker/idle-compaction.ts`, once the worker is idle).
 */
function compactOnRequest(channelName: string, gcOptions: object): void {
  const gc = (globalThis as { gc?: (options: object) => void }).gc;
  if (typeof gc !== 'function') return;
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = () => gc(gcOptions);
  channel.unref();
}

/**
 * The workflow thread's young generation: 12 MB (4 MB semi-spaces) instead of V8's 48 MB. Workflow tasks
 * allocate little each, so it costs no measurable CPU and saves ~20 MB at 50 runs (issue 13, bench/README.md).
 */
const YOUNG_GENERATION_MB = 12;

let creating = 0;
let original: typeof workerThreads.Worker | undefined;

/**
 * Creates the SDK's worker (`create`) so that the workflow threads it starts enter their sandbox without
 * a watchdog thread per call (see `enterSandboxWithoutTimeout`), keep no promise stack traces (see
 * `withoutPromiseStackTraces`), compact their heap when the worker goes idle (see `compactOnRequest`) and
 * have a small young generation. Only threads of the SDK's workflow thread file started during `create` are
 * affected; the thread runs the SDK's file unchanged otherwise.
 */
export async function withLightWorkflowThreads<T>(create: () => Promise<T>): Promise<T> {
  if (creating++ === 0) {
    original = workerThreads.Worker;
    const Base = original;
    workerThreads.Worker = class extends Base {
      constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
        if (typeof filename !== 'string' || !filename.endsWith(SDK_WORKFLOW_THREAD) || options?.eval) {
          super(filename, options);
          return;
        }
        const entry = [
          `(${enterSandboxWithoutTimeout.toString()})(require('node:vm'));`,
          `(${withoutPromiseStackTraces.toString()})(require('node:v8'));`,
          `(${compactOnRequest.toString()})(${JSON.stringify(COMPACTION_CHANNEL)}, ${JSON.stringify(LAST_RESORT_GC)});`,
          `require(${JSON.stringify(filename)});`,
        ].join('\n');
        const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...options?.resourceLimits };
        super(entry, { ...options, resourceLimits, eval: true });
      }
    };
  }
  try {
    return await create();
  } finally {
    if (--creating === 0 && original) workerThreads.Worker = original;
  }
}
