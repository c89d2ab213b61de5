// Preloaded into a `durable-agent worker` process by the bench (node --import): installs the Temporal
// runtime with its Prometheus endpoint (BENCH_WORKER_METRICS=host:port) before the CLI does (the CLI keeps
// an installed runtime), and measures the event loop's delay. SIGUSR2 writes the delay since the previous
// SIGUSR2 to BENCH_PROBE_FILE and starts a new measurement.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

// The SDK's workflow threads load this file too: the probe is for the main thread only.
if (isMainThread) await startProbe();

async function startProbe() {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();

  if (process.env.BENCH_WORKER_METRICS) {
    const { DefaultLogger, Runtime } = await import('@temporalio/worker');
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      shutdownSignals: [],
      telemetryOptions: { metrics: { prometheus: { bindAddress: process.env.BENCH_WORKER_METRICS } } },
    });
  }

  const ms = (nanoseconds) => Math.round(nanoseconds / 1e5) / 10;
  process.on('SIGUSR2', () => {
    if (process.env.BENCH_PROBE_FILE) {
      const eventLoopDelayMs = {
        mean: ms(delay.mean),
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
      };
      const mb = (bytes) => Math.round(bytes / 2 ** 20);
      const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
      const memoryMB = {
        rss: mb(rss),
        heapTotal: mb(heapTotal),
        heapUsed: mb(heapUsed),
        external: mb(external),
        arrayBuffers: mb(arrayBuffers),
      };
      writeFileSync(process.env.BENCH_PROBE_FILE, JSON.stringify({ eventLoopDelayMs, memoryMB }));
    }
    delay.reset();
  });
}
