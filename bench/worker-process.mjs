import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../packages/agent/bin/durable-agent.js', import.meta.url));

/** `durable-agent worker` as a real process, for kill -9 and graceful-stop measurements. */
export async function startWorker({ temporalAddress, taskQueue, modelBaseURL }) {
  const child = spawn(process.execPath, [CLI, 'worker', '--task-queue', taskQueue], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress,
      OPENAI_BASE_URL: modelBaseURL,
      OPENAI_MODEL: 'demo',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Agent worker running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}
