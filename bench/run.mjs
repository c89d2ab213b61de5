// npm run bench: the library under load, side by side with direct openai-client streams of the same demo
// model, plus recovery, re-attach, readers and long conversations. Writes bench/results/<label>-<time>.json.
//   BENCH_SCENARIOS=single,concurrency,readers,recovery,app-recovery,reattach,long,web,serve,peer (default: all)
//   BENCH_SERVE_CONCURRENCY=1,50 (AG-UI clients at once in the serve scenario)
//   peer: the same prompts through @temporalio/ai-sdk and Durable Agent; BENCH_PEER_CONCURRENCY=1,10,50,
//   BENCH_PEER_KILLS=1 (kill -9 trials)
//   BENCH_CONCURRENCY=1,10,25,50,100   BENCH_PACE=50 (tokens/s)   BENCH_LABEL=run
//   BENCH_REPEATS=3 (each target row is measured that many times; the median and the worst are reported)
//   BENCH_CPU_PROFILE=50  (write V8 CPU profiles of the worker at that concurrency to bench/results/profiles)
//   BENCH_RECOVERY_TRIALS=3 (per recovery case; the median and the slowest are reported)
//   Experiments: BENCH_BATCH_MS, BENCH_MODE (below); BENCH_WORKER_NODE_OPTIONS, BENCH_WORKER_ENV (JSON) for the
//   worker process; BENCH_SERVER_CONFIG=key=value,… (Temporal dynamic config).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { startDemoModel } from 'durable-agent';
import { measurePeerKill, measurePeerLevel } from './scenarios/ai-sdk-peer.mjs';
import { measureAppRecovery } from './scenarios/app-recovery.mjs';
import { measureConcurrency } from './scenarios/concurrency.mjs';
import { measureLongConversations } from './scenarios/long-conversation.mjs';
import { measureReaders } from './scenarios/readers.mjs';
import { measureReattach } from './scenarios/reattach.mjs';
import { measureRecovery } from './scenarios/recovery.mjs';
import { measureServe } from './scenarios/serve-sse.mjs';
import { measureSingleRun } from './scenarios/single-run.mjs';
import { measureWebUi } from './scenarios/web-ui.mjs';
import { peerTable } from './support/ai-sdk-peer/peer-table.mjs';
import { peerVersions } from './support/ai-sdk-peer/peer-versions.mjs';
import { machine } from './support/process-usage.mjs';
import { concurrencyTargets, medianAndWorst, REPEATS } from './support/repeats.mjs';
import { median } from './support/stats.mjs';
import { targetsTable } from './support/targets-table.mjs';
import { startTemporalServer } from './support/temporal-server.mjs';

const PACE = Number(process.env.BENCH_PACE ?? 50);
const LABEL = process.env.BENCH_LABEL ?? 'run';
const SCENARIOS = (
  process.env.BENCH_SCENARIOS ??
  'single,concurrency,readers,recovery,app-recovery,reattach,long,web,serve,peer'
).split(',');
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,10,25,50,100').split(',').map(Number);
const PROFILE_AT = Number(process.env.BENCH_CPU_PROFILE ?? 0);
const RECOVERY_TRIALS = Number(process.env.BENCH_RECOVERY_TRIALS ?? 3);
const resultsDirectory = fileURLToPath(new URL('./results/', import.meta.url));

const server = await startTemporalServer();
const model = await startDemoModel({ pace: PACE });
const connection = await Connection.connect({ address: server.address });
// BENCH_BATCH_MS: the runs' streamBatchInterval; BENCH_MODE: interactive (default) or autonomous.
const agentOptions = {
  ...(process.env.BENCH_BATCH_MS ? { streamBatchInterval: Number(process.env.BENCH_BATCH_MS) } : {}),
  ...(process.env.BENCH_MODE ? { mode: process.env.BENCH_MODE } : {}),
};
const environment = {
  server,
  model,
  address: server.address,
  client: new Client({ connection }),
  agentOptions,
};
const results = {
  label: LABEL,
  startedAt: new Date().toISOString(),
  pace: PACE,
  machine: machine(),
  scenarios: {},
};
const log = (name, value) => console.log(`${name}: ${JSON.stringify(value)}`);

try {
  console.log(
    `Benchmark "${LABEL}": demo model at ${PACE} tokens/s, load ${machine().loadAverage.join(' ')}`,
  );
  if (SCENARIOS.includes('single')) {
    results.scenarios.single = await measureSingleRun(environment);
    log('single run', results.scenarios.single);
  }
  if (SCENARIOS.includes('concurrency')) {
    results.scenarios.concurrency = [];
    for (const runs of LEVELS) {
      const repeats = [];
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        const cpuProfileDir =
          runs === PROFILE_AT ? `${resultsDirectory}profiles/${LABEL}-${runs}-${repeat}` : undefined;
        const row = await measureConcurrency(environment, runs, { cpuProfileDir });
        repeats.push(row);
        const { serverRequests, workerMetrics, ...shown } = row;
        log(`concurrency ${runs} #${repeat + 1}`, {
          ...shown,
          workerMetrics: { ...workerMetrics, raw: undefined },
        });
      }
      results.scenarios.concurrency.push({ runs, targets: concurrencyTargets(repeats), repeats });
    }
    console.log(targetsTable(results.scenarios.concurrency.map((level) => level.targets)).join('\n'));
  }
  if (SCENARIOS.includes('readers')) {
    results.scenarios.readers = await measureReaders(environment);
    log('readers', results.scenarios.readers);
  }
  if (SCENARIOS.includes('recovery')) {
    results.scenarios.recovery = [];
    for (const interruption of ['stop', 'kill'])
      for (const takeover of ['second-worker', 'restart']) {
        const trials = [];
        for (let trial = 0; trial < RECOVERY_TRIALS; trial++)
          trials.push(await measureRecovery(environment, { interruption, takeover }));
        const nextTokens = trials.map((trial) => trial.nextTokenMs);
        const row = {
          interruption,
          takeover,
          nextTokenMs: median(nextTokens),
          maxNextTokenMs: Math.max(...nextTokens),
          textExact: trials.every((trial) => trial.textExact && trial.status === 'completed'),
          trials,
        };
        results.scenarios.recovery.push(row);
        log('recovery', { ...row, trials: nextTokens });
      }
  }
  if (SCENARIOS.includes('app-recovery')) {
    results.scenarios.appRecovery = [];
    for (const takeover of ['second-worker', 'restart']) {
      const row = await measureAppRecovery(environment, { takeover, trials: RECOVERY_TRIALS, pace: PACE });
      results.scenarios.appRecovery.push(row);
      log('app recovery', row);
    }
  }
  if (SCENARIOS.includes('web')) {
    results.scenarios.webUi = await measureWebUi(environment, { pace: PACE });
    log('web UI', results.scenarios.webUi);
  }
  if (SCENARIOS.includes('serve')) {
    results.scenarios.serve = [];
    for (const runs of (process.env.BENCH_SERVE_CONCURRENCY ?? '1,50').split(',').map(Number)) {
      const repeats = [];
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        repeats.push(await measureServe(environment, runs));
        log(`serve ${runs} #${repeat + 1}`, repeats.at(-1));
      }
      const targets = {
        firstTokenP95Ms: medianAndWorst(repeats, (row) => row.served.firstTokenP95Ms),
        wallRatio: medianAndWorst(repeats, (row) => row.wallRatio),
        gapP95Ms: medianAndWorst(repeats, (row) => row.liveText.gapP95Ms),
        behindModelP95Ms: medianAndWorst(repeats, (row) => row.liveText.behindModelP95Ms),
        loadAverage: repeats.map((row) => row.loadAverage.beforeLibrary[0]),
      };
      results.scenarios.serve.push({ runs, targets, repeats });
      log(`serve ${runs} (median / worst of ${REPEATS})`, targets);
    }
  }
  if (SCENARIOS.includes('peer')) {
    const levels = [];
    for (const runs of (process.env.BENCH_PEER_CONCURRENCY ?? '1,10,50').split(',').map(Number)) {
      const repeats = [];
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        repeats.push(await measurePeerLevel(environment, runs));
        log(`peer ${runs} #${repeat + 1}`, repeats.at(-1));
      }
      levels.push({ runs, repeats });
    }
    const kills = [];
    for (let trial = 0; trial < Number(process.env.BENCH_PEER_KILLS ?? 1); trial++) {
      kills.push(await measurePeerKill(environment));
      log('peer kill -9', kills.at(-1));
    }
    results.scenarios.peer = { versions: peerVersions(), levels, kills };
    console.log(peerTable(levels, kills).join('\n'));
  }
  if (SCENARIOS.includes('reattach')) {
    results.scenarios.reattach = await measureReattach(environment);
    log('re-attach', results.scenarios.reattach);
  }
  if (SCENARIOS.includes('long')) {
    results.scenarios.longConversations = await measureLongConversations(environment);
    log('long conversations', results.scenarios.longConversations);
  }
} finally {
  results.finishedAt = new Date().toISOString();
  results.loadAverageAtEnd = machine().loadAverage;
  mkdirSync(resultsDirectory, { recursive: true });
  const file = `${resultsDirectory}${LABEL}-${results.startedAt.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written ${file}`);
  await connection.close();
  await model.close();
  await server.stop();
}
