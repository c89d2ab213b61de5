import { median, round } from './stats.mjs';

/** How many times each target row is measured (the median and the worst are reported). */
export const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));

/**
 * The median and the worst of one measure over repeated runs; `higherIsBetter` picks the smallest as the
 * worst (e.g. completed runs), otherwise the largest (latency, ratios, memory).
 */
export function medianAndWorst(repeats, pick, { higherIsBetter = false } = {}) {
  const values = repeats.map(pick).filter((value) => typeof value === 'number');
  if (values.length === 0) return undefined;
  const worst = higherIsBetter ? Math.min(...values) : Math.max(...values);
  return { median: round(median(values), 2), worst: round(worst, 2), values };
}

/** The target rows of one concurrency level over its repeats (issue 25's table). */
export function concurrencyTargets(repeats) {
  return {
    runs: repeats[0]?.runs,
    repeats: repeats.length,
    completedExact: medianAndWorst(repeats, (row) => row.exactText, { higherIsBetter: true }),
    directFirstTokenP95Ms: medianAndWorst(repeats, (row) => row.direct.firstTokenMs.p95),
    firstTokenP95Ms: medianAndWorst(repeats, (row) => row.library.firstTokenMs.p95),
    firstTokenAddedMs: medianAndWorst(repeats, (row) => row.firstTokenAddedMs),
    wallRatio: medianAndWorst(repeats, (row) => row.wallRatio),
    workerIdleRssMB: medianAndWorst(repeats, (row) => row.workerIdleRssMB),
    workerRssMB: medianAndWorst(repeats, (row) => row.workerRssMB),
    loadAverage: repeats.map((row) => row.loadAverage.beforeLibrary[0]),
  };
}

/**
 * One row per concurrency level of a results file: the repeat with the median first token p95 (results
 * written before repeats existed have one row per level already).
 */
export function concurrencyRows(result) {
  return (result?.scenarios?.concurrency ?? []).map((level) => {
    if (!level.repeats) return level;
    const sorted = [...level.repeats].sort((a, b) => a.library.firstTokenMs.p95 - b.library.firstTokenMs.p95);
    return sorted[Math.ceil(sorted.length / 2) - 1];
  });
}
