/**
 * The scale-out demo with faults of your choosing (`demo.sh --manual`): the same hosts and workers, longer
 * answers, and no fault of its own. Cut, remove and heal hosts from another terminal with host.sh while
 * the runs stream; when the client host is lost, client2 attaches. When every run has finished, each is
 * checked against Temporal as in the automatic scenario, and the runs per host and attempts are printed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillerText } from '../../packages/agent/dist/llm/demo-model/filler-text.js';
import { HostProcess } from './host-process.ts';
import { checkRuns, countBy, format } from './run-audit.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '../../packages/agent/bin/durable-agent.js');
const clientHost = path.join(here, 'client-host.ts');
const id = process.env.SCALE_OUT_ID ?? '';
const prefix = process.env.SCALE_OUT_PREFIX ?? '';
const runDir = process.env.SCALE_OUT_RUN_DIR ?? '';
const workerCount = Number(process.env.SCALE_OUT_WORKERS ?? 3);
const runCount = Number(process.env.SCALE_OUT_RUNS ?? 30);
/** 900 demo tokens at 30 a second: half a minute per answer, time enough to pick a moment. */
const ANSWER_TOKENS = 900;
const TIMEOUT_MS = 15 * 60_000;

const processes: HostProcess[] = [];
const started = Date.now();
const note = (text: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${text}`);
const startIn = (host: string, label: string, command: readonly string[]) => {
  const child = new HostProcess(label, `${prefix}${host}`, host, command, runDir);
  processes.push(child);
  return child;
};

async function main(): Promise<void> {
  if (id === '') throw new Error('manual-scenario.ts runs from demo.sh --manual');
  const planned = Array.from({ length: runCount }, (_, index) => ({
    index,
    conversationId: `scale-out-${id}-${index}`,
    runId: `run-${index}`,
    prompt: `Reply with ${ANSWER_TOKENS + index} tokens.`,
  }));
  const expected = planned.map((run) => fillerText(ANSWER_TOKENS + run.index));
  const runsFile = path.join(runDir, 'runs.json');
  writeFileSync(runsFile, JSON.stringify(planned));

  const workerHosts = Array.from({ length: workerCount }, (_, index) => `w${index + 1}`);
  note(`starting a durable-agent worker in each worker host: ${workerHosts.join(', ')}`);
  const workers = workerHosts.map((host) =>
    startIn(host, `worker-${host}`, [process.execPath, cli, 'worker']),
  );
  await Promise.all(
    workers.map((worker) =>
      worker.until('"Agent worker running"', () => worker.output.includes('Agent worker running'), 90_000),
    ),
  );
  note(`client host streams ${runCount} runs of about 30 s each`);
  const client = startIn('client', 'client', [process.execPath, clientHost, 'stream', runsFile]);
  console.log(`
Now cut hosts when you like (another terminal, as root):
  scripts/scale-out/host.sh remove w1     kill -9 its processes and cut its link
  scripts/scale-out/host.sh cut w2        partition it (its worker keeps running) … host.sh heal w2
  scripts/scale-out/host.sh remove client lose the client host: client2 attaches to every run
  scripts/scale-out/host.sh list          hosts, addresses, links, processes
Keep at least one worker host reachable. Waiting for every run to finish (up to 15 min)…
`);
  let attacher: HostProcess | undefined;
  const done = () =>
    [client, attacher].some(
      (observer) => observer !== undefined && observer.kinds('all-finished').length > 0,
    );
  const deadline = Date.now() + TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('not every run finished within 15 minutes');
    if (attacher === undefined && (client.child.exitCode !== null || client.child.signalCode !== null)) {
      note('the client host is gone: client2 attaches to every run (from seq 0, then live)');
      attacher = startIn('client2', 'client2', [process.execPath, clientHost, 'attach', runsFile]);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  note('every run finished');
  const reader = attacher ?? client;
  const auditor = startIn(attacher ? 'client2' : 'client', 'audit', [
    process.execPath,
    clientHost,
    'audit',
    runsFile,
  ]);
  await auditor.exited;
  const failures: string[] = [];
  const { completedPerHost, completedInAttempt } = checkRuns({
    planned,
    expected,
    audits: new Map(auditor.kinds('audit').map((line) => [line.index as number, line])),
    finished: new Map(reader.kinds('finished').map((line) => [line.index as number, line])),
    check: (ok, what) => {
      if (!ok) failures.push(what);
    },
  });
  const moved = [client, attacher]
    .flatMap((observer) => observer?.kinds('attempt') ?? [])
    .filter((line) => (line.attempt as number) > 1);
  console.log('');
  console.log(
    `Runs per worker host (attempt that completed, from Temporal's history): ${format(countBy(completedPerHost))}`,
  );
  console.log(`Attempt that completed each run: ${format(countBy(completedInAttempt))}`);
  console.log(`Runs that moved to another attempt: ${new Set(moved.map((line) => line.index)).size}`);
  console.log(
    `${runCount} runs: ${failures.length === 0 ? "all completed exactly once, text equal to Temporal's results" : `${failures.length} check(s) FAILED`}`,
  );
  for (const failure of failures) console.log(`  FAILED: ${failure}`);
  const removed = workerHosts.filter(
    (_, index) => workers[index]?.child.exitCode !== null || workers[index]?.child.signalCode !== null,
  );
  console.log(`Worker hosts removed during the run: ${removed.join(', ') || 'none'}`);
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
