import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import workerThreads from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { withLightWorkflowThreads } from '../src/worker/workflow-threads';

// A thread that runs 30 ms of work in a `vm` sandbox with a 1 ms timeout, as the SDK enters its sandbox
// with one, and installs a promise hook, as the SDK does for its stack-trace query: it reports whether the
// timeout stopped the work, whether the hook saw a promise, and the workerData it was given.
const THREAD = `
const vm = require('node:vm');
let promisesSeen = 0;
require('node:v8').promiseHooks.createHook({ init: () => promisesSeen++ });
void Promise.resolve();
const { parentPort, workerData } = require('node:worker_threads');
const context = vm.createContext({});
const script = new vm.Script('const end = Date.now() + 30; while (Date.now() < end) {}');
let outcome = 'completed';
try {
  script.runInContext(context, { timeout: 1 });
} catch (error) {
  outcome = error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? 'timed out' : String(error);
}
parentPort.postMessage({ outcome, promiseHook: promisesSeen > 0 ? 'called' : 'never called', workerData });
`;

const directory = mkdtempSync(path.join(os.tmpdir(), 'workflow-threads-'));
const sdkThread = path.join(directory, 'workflow', 'workflow-worker-thread.js');
const otherThread = path.join(directory, 'other-thread.js');
mkdirSync(path.dirname(sdkThread));
writeFileSync(sdkThread, THREAD);
writeFileSync(otherThread, THREAD);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function runThread(file: string): Promise<{ outcome: string; promiseHook: string; workerData: unknown }> {
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
  it('starts the SDK’s workflow threads without a sandbox timeout and without promise hooks, and only them', async () => {
    const [sdk, other] = await withLightWorkflowThreads(async () =>
      Promise.all([runThread(sdkThread), runThread(otherThread)]),
    );
    expect(sdk).toEqual({
      outcome: 'completed',
      promiseHook: 'never called',
      workerData: { file: 'workflow-worker-thread.js' },
    });
    expect(other).toEqual({
      outcome: 'timed out',
      promiseHook: 'called',
      workerData: { file: 'other-thread.js' },
    });
  });

  it('leaves threads started afterwards as Node starts them', async () => {
    await withLightWorkflowThreads(async () => undefined);
    expect(await runThread(sdkThread)).toMatchObject({ outcome: 'timed out', promiseHook: 'called' });
  });
});
