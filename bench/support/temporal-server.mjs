import { spawn } from 'node:child_process';
import { findTemporalCli, isTemporalReachable } from 'durable-agent';
import { freePort } from './free-port.mjs';
import { sleep } from './stats.mjs';

/**
 * A Temporal dev server (in memory, like the bench always used) with its Prometheus endpoint on, so the
 * bench can count what the server did (requests per operation, persistence calls).
 */
export async function startTemporalServer() {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const cli = await findTemporalCli();
  const child = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--log-level',
      'error',
      '--metrics-port',
      String(metricsPort),
      '--dynamic-config-value',
      'matching.numTaskqueueReadPartitions=1',
      '--dynamic-config-value',
      'matching.numTaskqueueWritePartitions=1',
    ],
    { stdio: 'ignore' },
  );
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await isTemporalReachable(address))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error('the Temporal dev server did not start');
    await sleep(200);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    address,
    pid: child.pid,
    metricsURL: `http://127.0.0.1:${metricsPort}/metrics`,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
