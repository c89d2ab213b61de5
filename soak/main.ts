/**
 * npm run soak: runs through the app's host (web mode) and the CLI while faults are injected — workers
 * killed or stopped, the host, the CLI agent and Temporal killed, the model failing — and checks every run:
 * finished exactly once, stored text = Temporal's result = the text a reader saw, usage present.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'durable-agent';
import { runThroughCli } from './cli-runs';
import { runThroughHost } from './host-runs';
import { planRuns } from './planned-run';
import { Random } from './random';
import type { RunOutcome } from './run-outcome';
import { startSoakEnvironment } from './soak-environment';
import { parseSoakOptions, SOAK_USAGE } from './soak-options';
import { reportSoak } from './soak-report';
import { checkRun } from './verify';

const options = parseSoakOptions(process.argv.slice(2));
if (options === 'help') {
  console.log(SOAK_USAGE);
  process.exit(0);
}
const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-soak-'));
const startedAt = Date.now();
const environment = await startSoakEnvironment({
  directory,
  webMain: path.resolve('out/soak/web/main.js'),
  pace: options.pace,
});
const agent = await Agent.create({ name: 'soak-check', temporal: { address: environment.temporalAddress } });
let failures = 1;
try {
  const plan = planRuns(options.runs, options.cliShare, new Random(options.seed));
  const outcomes: RunOutcome[] = [];
  let next = 0;
  const lane = async () => {
    while (next < plan.length) {
      const run = plan[next++]!;
      const outcome = await (run.channel === 'host'
        ? runThroughHost(run, environment)
        : runThroughCli(run, environment));
      outcomes.push(outcome);
      const mark = outcome.status === 'complete' ? '✓' : '✗';
      console.log(
        `${mark} ${outcomes.length}/${plan.length} ${run.channel} ${run.fault ?? '-'} ${outcome.faultDetail ?? ''} ${outcome.recoveryMs ?? ''}`,
      );
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const checked = [];
  for (const outcome of outcomes.sort((left, right) => left.index - right.index))
    checked.push(await checkRun(outcome, agent));
  failures = reportSoak(options, checked, Date.now() - startedAt);
} finally {
  await agent.close();
  await environment.close();
  // Kept when something went wrong: the host's log and data folder, the CLI's conversations.
  if (failures === 0) rmSync(directory, { recursive: true, force: true });
  else console.log(`kept for a look: ${directory} (host.log, host/, cli/)`);
}
process.exit(failures === 0 ? 0 : 1);
