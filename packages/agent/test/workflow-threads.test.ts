import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import workerThreads from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { withLightWorkflowThreads } from '../src/worker/workflow-threads';

// A thread that runs 30 ms of work in a `vm` sandbox with a 1 ms timeout, as the SDK enters its sandbox
// with one; installs a promise hook from a file named as the SDK's (`workflow/vm-shared.js`), as the SDK
// does for its stack-trace query; and keeps an AsyncLocalStorage value across an await, as the SDK's
// cancellation scopes do. It reports whether the timeout stopped the work, whether the SDK's hook saw a
// promise, whether the value survived the await, and the workerData it was given.
const THREAD = `
const vm = require('node:vm');
const { AsyncLocalStorage } = require('node:async_hooks');
const { parentPort, workerData, resourceLimits } = require('node:worker_threads');
const hook = require(require('node:path').join(__dirname, 'vm-shared.js'));
const context = vm.createContext({});
const script = new vm.Script('const end = Date.now() + 30; while (Date.now() < end) {}');
let outcome = 'completed';
try {
  script.runInContext(context, { timeout: 1 });
} catch (error) {
  outcome = error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? 'timed out' : String(error);
}
const storage = new AsyncLocalStorage();
storage.run('scope', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const asyncContext = storage.getStore() === 'scope' ? 'kept' : 'lost';
  const promiseHook = hook.promisesSeen() > 0 ? 'called' : 'never called';
  const youngGenerationMb = resourceLimits.maxYoungGenerationSizeMb;
  parentPort.postMessage({ outcome, promiseHook, asyncContext, workerData, youngGenerationMb });
});
`;
const SDK_HOOK = `
let seen = 0;
require('node:v8').promiseHooks.createHook({ init: () => seen++ });
exports.promisesSeen = () => seen;
`;

const directory = mkdtempSync(path.join(os.tmpdir(), 'workflow-threads-'));
const sdkThread = path.join(directory, 'workflow', 'workflow-worker-thread.js');
const otherThread = path.join(directory, 'workflow', 'other-thread.js');
mkdirSync(path.dirname(sdkThread));
writeFileSync(sdkThread, THREAD);
writeFileSync(otherThread, THREAD);
writeFileSync(path.join(directory, 'workflow', 'vm-shared.js'), SDK_HOOK);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface ThreadReport {
  outcome: string;
  promiseHook: string;
  asyncContext: string;
  workerData: unknown;
  youngGenerationMb: number;
}

function runThread(file: string): Promise<ThreadReport> {
  const thread = new workerThreads.Worker(file, { workerData: { file: path.basename(file) } });
  return new Promise((resolve, reject) => {
    thread.once('message', (message) => {
      resolve(message);
      void thread.terminate();
    });
    thread.once('error', reject);
  });
}

describe('withLightWorkflowThreads', () => {
  it('starts the SDK’s workflow threads without a sandbox timeout, without the SDK’s promise hook and with a small young generation, and only them', async () => {
    const [sdk, other] = await withLightWorkflowThreads(async () =>
      Promise.all([runThread(sdkThread), runThread(otherThread)]),
    );
    expect(sdk).toEqual({
      outcome: 'completed',
      promiseHook: 'never called',
      asyncContext: 'kept',
      workerData: { file: 'workflow-worker-thread.js' },
      youngGenerationMb: 12,
    });
    expect(other).toEqual({
      outcome: 'timed out',
      promiseHook: 'called',
      asyncContext: 'kept',
      workerData: { file: 'other-thread.js' },
      youngGenerationMb: expect.any(Number),
    });
    expect(other.youngGenerationMb).toBeGreaterThan(12); // V8's own, from the machine's memory
  });

  it('leaves threads started afterwards as Node starts them', async () => {
    await withLightWorkflowThreads(async () => undefined);
    expect(await runThread(sdkThread)).toMatchObject({ outcome: 'timed out', promiseHook: 'called' });
  });
});
