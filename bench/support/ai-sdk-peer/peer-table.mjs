import { medianAndWorst } from '../repeats.mjs';

/** The peer table's measures: a name and how to read it from one side of a repeat. */
const MEASURES = [
  ['first token p50 (ms)', (side) => side.firstTokenMs.p50],
  ['first token p95 (ms)', (side) => side.firstTokenMs.p95],
  ['gap between text arrivals p50 (ms)', (side) => side.gapMs.p50],
  ['gap between text arrivals p95 (ms)', (side) => side.gapMs.p95],
  ['wall ÷ direct alone', (side) => side.wallRatio],
  ['reader text exact (runs)', (side) => side.readerTextExact, { higherIsBetter: true }],
  ['history events per run', (side) => side.historyEventsPerRun],
  ['history bytes per run', (side) => side.historyBytesPerRun],
  ['worker RSS idle (MB)', (side) => side.workerRssMB.idle],
  ['worker RSS peak (MB)', (side) => side.workerRssMB.peak],
];

const shown = (summary) =>
  summary ? `${summary.median.toLocaleString('en')} / ${summary.worst.toLocaleString('en')}` : '—';

/** Markdown lines: per level and measure, the median / worst over repeats of the peer and of Durable Agent. */
export function peerTable(levels, kills) {
  const lines = [
    '| runs | measure | `@temporalio/ai-sdk` (median / worst) | Durable Agent (median / worst) |',
    '| ---- | ------- | ------------------------------------- | ------------------------------ |',
  ];
  for (const { runs, repeats } of levels)
    for (const [name, pick, options] of MEASURES)
      lines.push(
        `| ${runs} | ${name} | ${shown(medianAndWorst(repeats, (r) => pick(r.peer), options))} | ${shown(medianAndWorst(repeats, (r) => pick(r.durableAgent), options))} |`,
      );
  for (const kill of kills)
    lines.push(
      `| kill -9 | next text after the kill; reader's text | ${kill.peer.nextTextMs} ms; ${kill.peer.readerText} | ${kill.durableAgent.nextTextMs} ms; ${kill.durableAgent.readerText} |`,
    );
  return lines;
}
