/** Issue 25's target rows as a Markdown table: the median and the worst of the repeats, and the load. */

const GOALS = {
  firstTokenP95Ms: { 50: 600, 100: 1000 },
  wallRatio: { 50: 1.2, 100: 1.3 },
  firstTokenAddedMs: { 1: 50 },
  workerIdleRssMB: { any: 150 },
  workerRssMB: { 50: 220 },
};
const NAMES = {
  completedExact: 'completed with exact text',
  directFirstTokenP95Ms: 'direct first token p95 (baseline alone)',
  firstTokenP95Ms: 'first token p95',
  firstTokenAddedMs: 'first token over direct (p50)',
  wallRatio: 'wall ÷ direct',
  workerIdleRssMB: 'worker RSS idle',
  workerRssMB: 'worker RSS peak',
};

function goalOf(measure, runs) {
  const goal = GOALS[measure]?.[runs] ?? GOALS[measure]?.any;
  return goal === undefined ? '—' : `≤ ${goal.toLocaleString('en')}`;
}

const shown = (summary) =>
  summary ? `${summary.median.toLocaleString('en')} / ${summary.worst.toLocaleString('en')}` : '—';

/** Lines of a Markdown table: one row per level and measure, with the load average of each repeat. */
export function targetsTable(levels) {
  const lines = [
    '| runs | measure | goal | median / worst | load (1 min) per repeat |',
    '| ---- | ------- | ---- | -------------- | ----------------------- |',
  ];
  for (const level of levels)
    for (const [measure, name] of Object.entries(NAMES))
      lines.push(
        `| ${level.runs} | ${name} | ${goalOf(measure, level.runs)} | ${shown(level[measure])} | ${level.loadAverage.join(', ')} |`,
      );
  return lines;
}
