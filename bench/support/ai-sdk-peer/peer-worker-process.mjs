import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { AiSdkPlugin } from '@temporalio/ai-sdk';
import { bundleWorkflowCode } from '@temporalio/worker';
import { sleep } from '../stats.mjs';

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));
const WORKFLOW = fileURLToPath(new URL('./workflow.mjs', import.meta.url));

let bundlePath;

/** The peer's workflow bundle, built once per bench process through the plugin (its polyfills first). */
async function peerBundle() {
  if (bundlePath) return bundlePath;
  const plugin = new AiSdkPlugin({
    modelProvider: createOpenAICompatible({ name: 'demo', baseURL: 'http://unused' }),
  });
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOW, plugins: [plugin], logger: quiet });
  bundlePath = path.join(os.tmpdir(), `bench-ai-sdk-peer-${process.pid}.js`);
  writeFileSync(bundlePath, code);
  return bundlePath;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };

/** A peer worker as its own process (like `durable-agent worker`), ready once it polls. */
export async function startPeerWorker({ temporalAddress, taskQueue, modelBaseURL }) {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      ...process.env,
      PEER_TEMPORAL_ADDRESS: temporalAddress,
      PEER_TASK_QUEUE: taskQueue,
      PEER_MODEL_BASE_URL: modelBaseURL,
      PEER_WORKFLOW_BUNDLE: await peerBundle(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  while (!output.includes('peer worker running')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`peer worker did not start:\n${output}`);
    await sleep(20);
  }
  return {
    pid: child.pid,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}
