/** What scenario.ts and manual-scenario.ts check and print about every run, from a client and Temporal. */

export interface PlannedRun {
  readonly index: number;
  readonly conversationId: string;
  readonly runId: string;
  readonly prompt: string;
}

export type Observation = Record<string, unknown>;

/** `durable-agent@w2:1234` → `w2` (the host's hostname is in the worker identity). */
export const hostOf = (identity: unknown) => /@([^:]+):/.exec(String(identity))?.[1] ?? '?';

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of [...values].sort()) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

export function format(counts: Map<string, number>): string {
  return [...counts].map(([key, count]) => `${key} ${count}`).join(', ');
}

/**
 * The checks every run must pass whatever the faults were: completed; its text the expected answer, equal
 * to what a client streamed and to Temporal's result; exactly one model call completed, by the identity of
 * the last attempt started (a stale attempt's completion would show another identity or attempt).
 */
export function checkRuns(options: {
  readonly planned: readonly PlannedRun[];
  readonly expected: readonly string[];
  readonly audits: ReadonlyMap<number, Observation>;
  readonly finished: ReadonlyMap<number, Observation>;
  readonly check: (ok: boolean, what: string) => void;
}): { completedPerHost: string[]; completedInAttempt: string[] } {
  const { planned, expected, audits, finished, check } = options;
  const completedPerHost: string[] = [];
  const completedInAttempt: string[] = [];
  for (const run of planned) {
    const audit = audits.get(run.index);
    const seen = finished.get(run.index);
    const label = `run ${run.index}`;
    check(audit !== undefined, `${label}: no audit`);
    check(seen !== undefined, `${label}: no client saw it finish`);
    if (audit === undefined || seen === undefined) continue;
    const completed = audit.completed as string[];
    const started = audit.started as { identity: string; attempt: number }[];
    completedPerHost.push(hostOf(completed[0]));
    completedInAttempt.push(`attempt ${started[0]?.attempt ?? '?'}`);
    check(
      audit.workflowStatus === 'COMPLETED' && audit.temporalStatus === 'completed',
      `${label}: not completed (${audit.workflowStatus}/${audit.temporalStatus})`,
    );
    check(audit.temporalText === expected[run.index], `${label}: Temporal's text is not the expected answer`);
    check(
      seen.foldedText === audit.temporalText,
      `${label}: the streamed text differs from Temporal's result`,
    );
    check(seen.resultText === audit.temporalText, `${label}: the client's result differs from Temporal's`);
    check(
      audit.modelCallsScheduled === 1 && completed.length === 1,
      `${label}: ${completed.length} model calls completed (want exactly 1)`,
    );
    check(
      started.length === 1 && started[0]?.identity === completed[0],
      `${label}: completed by another identity than the last attempt started`,
    );
    check(seen.firstSeq === 0, `${label}: the client did not read from seq 0 (first seq ${seen.firstSeq})`);
  }
  return { completedPerHost, completedInAttempt };
}
