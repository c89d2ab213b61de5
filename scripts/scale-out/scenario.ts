/**
 * The scale-out scenario, run by demo.sh after it has made the hosts (network namespaces) and started
 * Temporal on the bridge. This process stays in the root namespace and only starts processes in hosts and
 * cuts or heals their links — every call to Temporal comes from a host.
 *
 *   1. a `durable-agent worker` in each worker host (w1, w2, w3)
 *   2. client host "client" streams the runs (distinct long answers, 3 s heartbeat timeout)
 *   3. mid-answer: worker host w1 is removed (its processes killed, its link cut) and w2 is partitioned
 *      (link down; its worker lives on and keeps writing into the void)
 *   4. the client host is lost (processes killed, link cut); "client2" attaches to every run: from seq 0,
 *      then live
 *   5. w2's link comes back: its stale attempts' late writes are refused by Temporal
 *   6. client2 audits every run in Temporal's history: text, status, which worker identity completed it
 */

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillerText } from '../../packages/agent/dist/llm/demo-model/filler-text.js';
import { HostProcess } from './host-process.ts';
import { checkRuns, countBy, format, hostOf, median } from './run-audit.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '../../packages/agent/bin/durable-agent.js');
const clientHost = path.join(here, 'client-host.ts');
const environment = (name: string) => {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`scenario.ts runs from demo.sh (${name} is not set)`);
  return value;
};
const id = environment('SCALE_OUT_ID');
const prefix = environment('SCALE_OUT_PREFIX');
const runDir = environment('SCALE_OUT_RUN_DIR');
const workerCount = Number(environment('SCALE_OUT_WORKERS'));
const runCount = Number(environment('SCALE_OUT_RUNS'));
const summaryFile = process.env.SCALE_OUT_SUMMARY;
/** Demo tokens per answer (the demo model streams 30 a second): long enough to cut mid-answer. */
const ANSWER_TOKENS = 300;
const HEAL_AFTER_MS = 10_000;
const CLIENT_LOST_AFTER_MS = 6_000;
/** What a worker prints when it finds an attempt of its gone: the CLI's line, or the SDK's warning. */
const STALE_ATTEMPT = /attempt 1 failed .*abandoned|\[WARN\] Activity failed|Activity not found/i;

const workerHosts = Array.from({ length: workerCount }, (_, index) => `w${index + 1}`);
const [removedHost, partitionedHost] = workerHosts as [string, string, ...string[]];
const processes: HostProcess[] = [];
const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const note = (text: string) => console.log(`[${clock()}] ${text}`);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};

function startIn(host: string, label: string, command: readonly string[]): HostProcess {
  const child = new HostProcess(label, `${prefix}${host}`, host, command, runDir);
  processes.push(child);
  return child;
}

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr}`);
}

/** Kills every process of a host (kill -9: a power cut) and cuts its link. */
function removeHost(host: string): void {
  const pids = spawnSync('ip', ['netns', 'pids', `${prefix}${host}`], { encoding: 'utf8' }).stdout.trim();
  if (pids !== '') spawnSync('kill', ['-KILL', ...pids.split(/\s+/)]);
  ip('link', 'set', `da${id}${host}`, 'down');
}

const setLink = (host: string, state: 'up' | 'down') => ip('link', 'set', `da${id}${host}`, state);

async function main(): Promise<void> {
  const planned = Array.from({ length: runCount }, (_, index) => ({
    index,
    conversationId: `scale-out-${id}-${index}`,
    runId: `run-${index}`,
    prompt: `Reply with ${ANSWER_TOKENS + index} tokens.`,
  }));
  const expected = planned.map((run) => fillerText(ANSWER_TOKENS + run.index));
  const runsFile = path.join(runDir, 'runs.json');
  writeFileSync(runsFile, JSON.stringify(planned));

  note(`starting a durable-agent worker in each worker host: ${workerHosts.join(', ')}`);
  const workers = new Map(
    workerHosts.map((host) => [host, startIn(host, `worker-${host}`, [process.execPath, cli, 'worker'])]),
  );
  await Promise.all(
    [...workers.values()].map((worker) =>
      worker.until('"Agent worker running"', () => worker.output.includes('Agent worker running'), 90_000),
    ),
  );
  note('workers running');

  note(`client host streams ${runCount} runs (${ANSWER_TOKENS}+ demo tokens each, heartbeat timeout 3s)`);
  const client = startIn('client', 'client', [process.execPath, clientHost, 'stream', runsFile]);
  await client.until(
    'text in two thirds of the runs',
    () => new Set(client.kinds('text').map((line) => line.index)).size >= Math.ceil((runCount * 2) / 3),
    90_000,
  );

  const placement = startIn('client', 'placement', [process.execPath, clientHost, 'placement', runsFile]);
  await placement.exited;
  const firstHost = new Map(
    placement.kinds('placement').map((line) => [line.index as number, hostOf(line.identity)]),
  );
  const perHostAtFault = countBy([...firstHost.values()]);
  note(`model calls per worker host, mid-answer: ${format(perHostAtFault)}`);

  const faultAt = Date.now();
  removeHost(removedHost);
  note(`FAULT: worker host ${removedHost} removed mid-answer (kill -9 of its processes, link cut)`);
  setLink(partitionedHost, 'down');
  note(`FAULT: worker host ${partitionedHost} partitioned (link down; its worker keeps running)`);

  await new Promise((resolve) => setTimeout(resolve, CLIENT_LOST_AFTER_MS));
  removeHost('client');
  note('FAULT: client host lost (kill -9, link cut); a new client attaches from host client2');
  const attacher = startIn('client2', 'client2', [process.execPath, clientHost, 'attach', runsFile]);

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, faultAt + HEAL_AFTER_MS - Date.now())));
  const staleWorker = workers.get(partitionedHost);
  const staleOutputBeforeHeal = staleWorker?.output.length ?? 0;
  setLink(partitionedHost, 'up');
  const healedAt = Date.now();
  note(`HEAL: ${partitionedHost}'s link is back; its stale attempts' late writes now reach Temporal`);

  await attacher.until('every run finished', () => attacher.kinds('all-finished').length > 0, 120_000);
  note('every run finished (seen from client2)');
  // The stale worker's late writes: wait (up to 30 s after the heal) until it has found its attempts gone.
  const staleLines = () =>
    (staleWorker?.output.slice(staleOutputBeforeHeal) ?? '')
      .split('\n')
      .filter((line) => STALE_ATTEMPT.test(line));
  await staleWorker
    ?.until(
      'the stale attempts found gone',
      () => staleLines().length > 0,
      Math.max(1, healedAt + 30_000 - Date.now()),
    )
    .catch(() => undefined);
  const auditor = startIn('client2', 'audit', [process.execPath, clientHost, 'audit', runsFile]);
  await auditor.exited;
  const audits = new Map(auditor.kinds('audit').map((line) => [line.index as number, line]));
  const finished = new Map(attacher.kinds('finished').map((line) => [line.index as number, line]));

  // Recovery: from the fault to the first text of the attempt that replaced a lost one, as a client saw it.
  const recoveryByRun = new Map<number, number>();
  for (const observer of [client, attacher]) {
    for (const line of observer.kinds('text')) {
      const index = line.index as number;
      const after = (line.at as number) - faultAt;
      if ((line.attempt as number) > 1 && after > 200 && !(recoveryByRun.get(index)! <= after))
        recoveryByRun.set(index, after);
    }
  }

  const { completedPerHost, completedInAttempt } = checkRuns({ planned, expected, audits, finished, check });
  let caughtRuns = 0;
  for (const run of planned) {
    const audit = audits.get(run.index);
    if (audit === undefined) continue;
    const completed = audit.completed as string[];
    const startedAttempts = audit.started as { identity: string; attempt: number }[];
    const label = `run ${run.index}`;
    // Runs whose model call was on a faulted host and had not completed when the fault came.
    const before = firstHost.get(run.index);
    const caught =
      (before === removedHost || before === partitionedHost) && (audit.completedAt as number) > faultAt;
    if (caught) {
      caughtRuns += 1;
      check(hostOf(completed[0]) !== removedHost, `${label}: finished on the removed host ${removedHost}`);
      check(
        (startedAttempts[0]?.attempt ?? 1) >= 2,
        `${label}: was on ${before} at the fault yet finished in attempt 1`,
      );
      check(recoveryByRun.has(run.index), `${label}: no client saw the new attempt's text`);
    }
  }
  check(caughtRuns > 0, 'no run was caught mid-answer on a faulted host');
  check(perHostAtFault.size === workerCount, `load not spread: ${format(perHostAtFault)}`);
  const replayedAndLive = [...finished.values()].filter(
    (line) => (line.replayed as number) > 0 && (line.live as number) > 0,
  ).length;
  check(replayedAndLive > 0, 'client2 saw no run replayed from seq 0 and then live');

  // The partitioned worker never learned it lost its attempts until its link came back: then its late
  // writes (heartbeats, the attempt's end) found the attempt gone, and it abandoned the model call.
  // One line per abandoned attempt: the CLI's `[run] <run> attempt 1 failed …`, else the SDK's warnings.
  const staleCli = new Set(staleLines().flatMap((line) => /\[run\] (\S+) attempt/.exec(line)?.[1] ?? []));
  const staleAbandoned = staleCli.size > 0 ? [...staleCli] : staleLines();
  const staleAlive = staleWorker !== undefined && staleWorker.child.exitCode === null;
  const values = [...recoveryByRun.values()];
  const summary = {
    runs: runCount,
    workers: workerHosts,
    removedHost,
    partitionedHost,
    modelCallsPerHostAtFault: Object.fromEntries(perHostAtFault),
    completedPerHost: Object.fromEntries(countBy(completedPerHost)),
    runsMoved: values.length,
    runsCaughtByTheFaults: caughtRuns,
    recoveryMs: { min: Math.min(...values), median: median(values), max: Math.max(...values) },
    attachedReplayedThenLive: replayedAndLive,
    completedInAttempt: Object.fromEntries(countBy(completedInAttempt)),
    staleWorkerAliveAfterHeal: staleAlive,
    staleAttemptsRefusedAfterHeal: staleAbandoned.length,
    failures,
    passed: failures.length === 0,
  };
  console.log('');
  console.log(`Runs per worker host (model calls running mid-answer): ${format(perHostAtFault)}`);
  console.log(
    `Runs per worker host (attempt that completed, from Temporal's history): ${format(countBy(completedPerHost))}`,
  );
  console.log(
    `Recovery (fault → first text of the replacing attempt) over ${values.length} runs: min ${summary.recoveryMs.min} ms, median ${summary.recoveryMs.median} ms, max ${summary.recoveryMs.max} ms`,
  );
  console.log(`Attempt that completed each run: ${format(countBy(completedInAttempt))}`);
  console.log(
    `Stale worker on ${partitionedHost} after the heal: ${staleAbandoned.length} late attempt(s) found gone and abandoned; Temporal recorded none of them (each run's one completion is its last attempt started)`,
  );
  console.log(
    `client2 attached to ${runCount} runs from seq 0; ${replayedAndLive} were replayed, then followed live`,
  );
  console.log(
    `${runCount} runs: ${failures.length === 0 ? "all completed exactly once, text equal to Temporal's results" : `${failures.length} check(s) FAILED`}`,
  );
  for (const failure of failures) console.log(`  FAILED: ${failure}`);
  if (summaryFile) writeFileSync(summaryFile, JSON.stringify(summary, null, 2));
  process.exitCode = failures.length === 0 ? 0 : 1;
}

try {
  await main();
} catch (error) {
  console.error(`scale-out: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  for (const child of processes) child.child.kill('SIGKILL');
}
