import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FAULT_KINDS } from './faults';
import type { SoakOptions } from './soak-options';
import type { CheckedRun } from './verify';

function percentile(values: readonly number[], fraction: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** The soak's table (printed) and its JSON (written beside the bench results); returns the failures. */
export function reportSoak(options: SoakOptions, runs: readonly CheckedRun[], wallMs: number): number {
  const count = (verdict: CheckedRun['verdict']) => runs.filter((run) => run.verdict === verdict).length;
  const recoveries = runs.flatMap((run) => (run.recoveryMs === undefined ? [] : [run.recoveryMs]));
  const faults = Object.fromEntries(
    FAULT_KINDS.map((kind) => [kind, runs.filter((run) => run.fault === kind).length]),
  );
  const summary = {
    runs: runs.length,
    host: runs.filter((run) => run.channel === 'host').length,
    cli: runs.filter((run) => run.channel === 'cli').length,
    ok: count('ok'),
    lost: count('lost'),
    duplicated: count('duplicated'),
    mismatched: count('mismatched'),
    recoveryP50Ms: percentile(recoveries, 0.5),
    recoveryP95Ms: percentile(recoveries, 0.95),
    wallSeconds: Math.round(wallMs / 1000),
  };
  const lines = [
    `| runs | host / CLI | ok | lost | duplicated | mismatched | recovery p50 / p95 | wall |`,
    `|---|---|---|---|---|---|---|---|`,
    `| ${summary.runs} | ${summary.host} / ${summary.cli} | ${summary.ok} | ${summary.lost} | ${summary.duplicated} | ${summary.mismatched} | ${summary.recoveryP50Ms ?? '–'} / ${summary.recoveryP95Ms ?? '–'} ms | ${summary.wallSeconds} s |`,
    '',
    `| fault | ${FAULT_KINDS.join(' | ')} |`,
    `|---|${FAULT_KINDS.map(() => '---').join('|')}|`,
    `| injected | ${FAULT_KINDS.map((kind) => faults[kind]).join(' | ')} |`,
  ];
  console.log(`\nSoak: ${options.runs} runs, seed ${options.seed}, concurrency ${options.concurrency}\n`);
  console.log(lines.join('\n'));
  for (const run of runs.filter((each) => each.verdict !== 'ok'))
    console.log(
      `  ✗ run ${run.index} (${run.channel}, ${run.fault ?? 'no fault'}): ${run.verdict} — ${run.reason}`,
    );
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify({ options, summary, faults, runs }, null, 2)}\n`);
  console.log(`\nwritten: ${options.out}`);
  return summary.lost + summary.duplicated + summary.mismatched;
}
