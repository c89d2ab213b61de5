import { spawn } from 'node:child_process';
import { devServerDynamicConfig, findTemporalCli, isTemporalReachable } from 'durable-agent';
import { freePort } from './free-port.mjs';
import { sleep } from './stats.mjs';

/**
 * A Temporal dev server (in memory, like the bench always used) with its Prometheus endpoint on, so the
 * bench can count what the server did (requests per operation, persistence calls), and the dynamic
 * config of the dev servers the library starts.
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
      // The dynamic config every dev server the library starts has, and any experiment's.
      ...Object.entries(devServerDynamicConfig).flatMap(([key, value]) => [
        '--dynamic-config-value',
        `${key}=${value}`,
      ]),
      ...extraDynamicConfig(),
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

/** BENCH_SERVER_CONFIG=key=value,…: more dynamic config for experiments. */
function extraDynamicConfig() {
  const given = process.env.BENCH_SERVER_CONFIG;
  if (!given) return [];
  return given.split(',').flatMap((pair) => ['--dynamic-config-value', pair.trim()]);
}
