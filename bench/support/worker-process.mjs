import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';
import { sleep } from './stats.mjs';

const CLI = fileURLToPath(new URL('../../packages/agent/bin/durable-agent.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./worker-probe.mjs', import.meta.url));

/**
 * `durable-agent worker` as a real process (what users run), with the bench's probe preloaded: its
 * Temporal metrics endpoint, its event-loop delay, and optionally a V8 CPU profile written when it stops.
 */
export async function startWorker({ temporalAddress, taskQueue, modelBaseURL, cpuProfileDir }) {
  const metricsPort = await freePort();
  const probeFile = path.join(os.tmpdir(), `bench-probe-${process.pid}-${metricsPort}.json`);
  const nodeOptions = [`--import=${PROBE}`];
  if (cpuProfileDir) nodeOptions.push('--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`);
  if (process.env.BENCH_WORKER_NODE_OPTIONS) nodeOptions.push(process.env.BENCH_WORKER_NODE_OPTIONS);
  const child = spawn(process.execPath, [CLI, 'worker', '--task-queue', taskQueue], {
    env: {
      ...process.env,
      NODE_OPTIONS: nodeOptions.join(' '),
      TEMPORAL_ADDRESS: temporalAddress,
      OPENAI_BASE_URL: modelBaseURL,
      OPENAI_MODEL: 'demo',
      BENCH_WORKER_METRICS: `127.0.0.1:${metricsPort}`,
      BENCH_PROBE_FILE: probeFile,
      ...(process.env.BENCH_WORKER_ENV ? JSON.parse(process.env.BENCH_WORKER_ENV) : {}),
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
  while (!output.includes('Agent worker running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start:\n${output}`);
    await sleep(20);
  }
  return {
    pid: child.pid,
    metricsURL: `http://127.0.0.1:${metricsPort}/metrics`,
    output: () => output,
    /** The event-loop delay since the previous call (the first call starts the measurement). */
    async probe() {
      rmSync(probeFile, { force: true });
      child.kill('SIGUSR2');
      for (let waited = 0; waited < 2000 && !existsSync(probeFile); waited += 10) await sleep(10);
      try {
        return JSON.parse(readFileSync(probeFile, 'utf8'));
      } catch {
        return undefined;
      }
    },
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
