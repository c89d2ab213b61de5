// Prints the issue-13 targets as a Markdown table, before and after: node bench/compare.mjs <before.json> <after.json>
import { readFileSync } from 'node:fs';
import { concurrencyRows } from './support/repeats.mjs';

const [before, after] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const level = (result, runs) => concurrencyRows(result).find((row) => row.runs === runs);
const recovery = (result, interruption, takeover) =>
  result.scenarios.recovery?.find((row) => row.interruption === interruption && row.takeover === takeover);
const readers = (result, count) => result.scenarios.readers?.find((row) => row.readers === count);
const longRun = (result, bytes, kind = 'answer') =>
  result.scenarios.longConversations?.find((row) => row.conversationBytes === bytes && row.kind === kind);
const ms = (value) => (value === undefined ? '—' : `${Math.round(value).toLocaleString('en')} ms`);
const mb = (value) => (value === undefined ? '—' : `${Math.round(value)} MB`);
const kb = (value) => (value === undefined ? '—' : `${(value / 1000).toFixed(1)} kB`);
const ratio = (value) => (value === undefined ? '—' : value.toFixed(2));
const recoveryTimes = (row) =>
  row
    ? `${ms(row.nextTokenMs)}${row.maxNextTokenMs ? ` (slowest of ${row.trials.length}: ${ms(row.maxNextTokenMs)})` : ''}`
    : '—';
const runsOf = (row) => (row ? `${row.completed}/${row.runs} completed, ${row.exactText} exact` : '—');
const growth = (small, big, key) =>
  small?.[key] && big?.[key] ? `${(((big[key] - small[key]) / small[key]) * 100).toFixed(1)} %` : '—';

const rows = [
  ['50 runs: completed with exact text', 'all', (r) => runsOf(level(r, 50))],
  [
    '50 runs: first token p95 (direct)',
    '≤ 1,000 ms',
    (r) => `${ms(level(r, 50)?.library.firstTokenMs.p95)} (${ms(level(r, 50)?.direct.firstTokenMs.p95)})`,
  ],
  ['50 runs: longest silence p95', '≤ 1,000 ms', (r) => ms(level(r, 50)?.library.longestSilenceMs.p95)],
  ['50 runs: wall time ÷ direct', '≤ 1.3', (r) => ratio(level(r, 50)?.wallRatio)],
  ['50 runs: worker RSS', '≤ 300 MB', (r) => mb(level(r, 50)?.workerRssMB)],
  ['100 runs: completed with exact text', 'all', (r) => runsOf(level(r, 100))],
  ['100 runs: wall time ÷ direct', '≤ 2', (r) => ratio(level(r, 100)?.wallRatio)],
  [
    '1 run: first token (direct)',
    '≤ direct + 100 ms',
    (r) => `${ms(r.scenarios.single?.firstTokenMs.library)} (${ms(r.scenarios.single?.firstTokenMs.direct)})`,
  ],
  ['1 run: 500-token reply ÷ direct', '≤ 1.05', (r) => ratio(r.scenarios.single?.reply500Ms.ratio)],
  [
    'graceful stop, second worker: next token',
    '≤ 1 s',
    (r) => recoveryTimes(recovery(r, 'stop', 'second-worker')),
  ],
  ['graceful stop, immediate restart: next token', '—', (r) => recoveryTimes(recovery(r, 'stop', 'restart'))],
  [
    'kill -9, second worker: next token',
    '≤ 11 s (10 s heartbeat)',
    (r) => recoveryTimes(recovery(r, 'kill', 'second-worker')),
  ],
  ['kill -9, immediate restart: next token', '≤ 11 s', (r) => recoveryTimes(recovery(r, 'kill', 'restart'))],
  [
    're-attach 10 s into an answer: partial text in hand',
    '≤ 300 ms',
    (r) => `${ms(r.scenarios.reattach?.connectedMs)} (fresh client ${ms(r.scenarios.reattach?.freshMs)})`,
  ],
  ['2 MB conversation answers', 'yes', (r) => longRun(r, 2_000_000)?.status ?? '—'],
  [
    'history bytes beyond the input, 2 MB vs no conversation',
    '≤ +10 %',
    (r) => growth(longRun(r, 0), longRun(r, 2_000_000), 'historyBytesBeyondInput'),
  ],
  [
    'history bytes, 2 MB vs no conversation (whole history)',
    '—',
    (r) => `${kb(longRun(r, 0)?.historyBytes)} → ${kb(longRun(r, 2_000_000)?.historyBytes)}`,
  ],
  [
    'history events per second of streaming (200 tokens, 1 run)',
    '≤ 10',
    (r) => level(r, 1)?.history.eventsPerStreamingSecond ?? '—',
  ],
  [
    'history events per second of streaming (500 tokens)',
    '≤ 10',
    (r) => readers(r, 1)?.eventsPerStreamingSecond ?? '—',
  ],
  [
    'history events, 1 reader → 5 readers (500 tokens)',
    'same ± 10 %',
    (r) => `${readers(r, 1)?.historyEvents ?? '—'} → ${readers(r, 5)?.historyEvents ?? '—'}`,
  ],
  [
    'history bytes, 1 reader → 5 readers',
    'same ± 10 %',
    (r) => `${kb(readers(r, 1)?.historyBytes)} → ${kb(readers(r, 5)?.historyBytes)}`,
  ],
];

console.log(`| target | goal | before | after |\n|---|---|---|---|`);
for (const [name, goal, pick] of rows)
  console.log(`| ${name} | ${goal} | ${pick(before)} | ${pick(after)} |`);
console.log(
  `\nMachine: ${after.machine.cores} cores (${after.machine.cpu}), ${after.machine.memoryGB} GB, Node ${after.machine.node}; load average at start: before ${before.machine.loadAverage.join(' ')}, after ${after.machine.loadAverage.join(' ')}.`,
);
console.log(
  `\n| runs | first token p50/p95 direct | first token p50/p95 library (before → after) | silence p95 (before → after) | wall ÷ direct (before → after) | worker RSS (before → after) | history events/run (before → after) |\n|---|---|---|---|---|---|---|`,
);
for (const row of concurrencyRows(after)) {
  const old = level(before, row.runs);
  const pair = (pick, format) => `${old ? format(pick(old)) : '—'} → ${format(pick(row))}`;
  console.log(
    `| ${row.runs} | ${row.direct.firstTokenMs.p50} / ${row.direct.firstTokenMs.p95} ms | ${pair(
      (r) => `${r.library.firstTokenMs.p50} / ${r.library.firstTokenMs.p95}`,
      (v) => v,
    )} ms | ${pair(
      (r) => r.library.longestSilenceMs.p95,
      (v) => v,
    )} ms | ${pair((r) => r.wallRatio, ratio)} | ${pair(
      (r) => r.workerRssMB,
      (v) => v,
    )} MB | ${pair(
      (r) => r.history.eventsPerRun,
      (v) => v,
    )} |`,
  );
}
