// Draws the concurrency curve of bench results as an SVG (no dependencies, no network):
//   node bench/chart.mjs <after.json> [before.json] [out.svg]   (default out: docs/bench/concurrency.svg)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { concurrencyRows } from './support/repeats.mjs';

const [afterFile, beforeFile, outFile] = process.argv.slice(2);
if (!afterFile) throw new Error('usage: node bench/chart.mjs <after.json> [before.json] [out.svg]');
const read = (file) => (file ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const after = read(afterFile);
const before = read(beforeFile);
const out = outFile ?? fileURLToPath(new URL('../docs/bench/concurrency.svg', import.meta.url));

const WIDTH = 320;
const HEIGHT = 230;
const MARGIN = { left: 54, right: 12, top: 30, bottom: 40 };
const COLORS = { direct: '#6b7280', before: '#dc2626', after: '#2563eb', target: '#16a34a' };

/** One panel: lines of [runs, value] points on a log or linear y axis, with an optional target line. */
function panel({ title, unit, series, logScale, target, x0 }) {
  const points = series.flatMap((line) => line.points);
  const xs = [...new Set(points.map(([x]) => x))].sort((a, b) => a - b);
  const values = points.map(([, y]) => y).concat(target ? [target] : []);
  const low = logScale ? 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...values)))) : 0;
  const step = logScale ? undefined : niceStep((Math.max(...values) * 1.05) / 4);
  const high = logScale ? 10 ** Math.ceil(Math.log10(Math.max(...values))) : step * 4;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (value) => x0 + MARGIN.left + (xs.indexOf(value) / Math.max(1, xs.length - 1)) * plotWidth;
  const scale = (value) => (logScale ? Math.log10(Math.max(value, low)) : value);
  const y = (value) =>
    MARGIN.top +
    plotHeight -
    ((scale(value) - scale(low || 0)) / (scale(high) - scale(low || 0))) * plotHeight;
  const ticks = logScale
    ? Array.from({ length: Math.log10(high / low) + 1 }, (_, index) => low * 10 ** index)
    : Array.from({ length: 5 }, (_, index) => step * index);
  const parts = [
    `<text x="${x0 + WIDTH / 2}" y="18" text-anchor="middle" font-weight="bold">${title}</text>`,
  ];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${x0 + MARGIN.left}" x2="${x0 + WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e5e7eb"/>`,
      `<text x="${x0 + MARGIN.left - 4}" y="${y(tick) + 4}" text-anchor="end">${format(tick)}</text>`,
    );
  }
  for (const value of xs)
    parts.push(
      `<text x="${x(value)}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle">${value}</text>`,
    );
  parts.push(
    `<text x="${x0 + WIDTH / 2}" y="${HEIGHT - 8}" text-anchor="middle">concurrent runs${unit ? ` · ${unit}` : ''}</text>`,
  );
  if (target)
    parts.push(
      `<line x1="${x0 + MARGIN.left}" x2="${x0 + WIDTH - MARGIN.right}" y1="${y(target)}" y2="${y(target)}" stroke="${COLORS.target}" stroke-dasharray="4 3"/>`,
    );
  for (const line of series) {
    const path = line.points.map(([px, py]) => `${x(px)},${y(py)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${line.color}" stroke-width="2"/>`);
    for (const [px, py] of line.points)
      parts.push(`<circle cx="${x(px)}" cy="${y(py)}" r="2.5" fill="${line.color}"/>`);
  }
  return parts.join('\n');
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`: axis steps a reader can add up. */
function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw);
}

function format(value) {
  if (value >= 1000) return `${value / 1000}k`.replace('.0k', 'k');
  return String(Math.round(value * 100) / 100);
}

const rows = (result) => concurrencyRows(result);
const line = (result, color, pick) => ({ color, points: rows(result).map((row) => [row.runs, pick(row)]) });
const libraryLines = (pick) =>
  [before && line(before, COLORS.before, pick), line(after, COLORS.after, pick)].filter(Boolean);

const panels = [
  {
    title: 'First token p95 (ms)',
    logScale: true,
    target: 1000,
    series: [
      line(after, COLORS.direct, (row) => row.direct.firstTokenMs.p95),
      ...libraryLines((row) => row.library.firstTokenMs.p95),
    ],
  },
  {
    title: 'Longest silence p95 (ms)',
    logScale: true,
    target: 1000,
    series: [
      line(after, COLORS.direct, (row) => row.direct.longestSilenceMs.p95),
      ...libraryLines((row) => row.library.longestSilenceMs.p95),
    ],
  },
  { title: 'Wall time ÷ direct', target: 1.3, series: libraryLines((row) => row.wallRatio) },
  { title: 'Worker RSS (MB)', target: 300, series: libraryLines((row) => row.workerRssMB) },
];

const machine = after.machine ?? {};
const legend = [
  ['direct openai client', COLORS.direct],
  ...(before
    ? [[`durable-agent, ${before.label}${before.code ? ` (${before.code})` : ''}`, COLORS.before]]
    : []),
  [`durable-agent, ${after.label}${after.code ? ` (${after.code})` : ''}`, COLORS.after],
  ['target', COLORS.target],
];
// Each entry as wide as its label (about 6.5 px per character at 11 px) plus its swatch.
let legendX = 12;
const legendItems = legend.map(([label, color]) => {
  const item = `<rect x="${legendX}" y="${HEIGHT + 6}" width="12" height="3" fill="${color}"/><text x="${legendX + 16}" y="${HEIGHT + 11}">${label}</text>`;
  legendX += 16 + label.length * 6.5 + 24;
  return item;
});
const totalWidth = WIDTH * panels.length;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${totalWidth}" height="${HEIGHT + 44}" font-family="sans-serif" font-size="11">
<title>First token, longest silence, wall time and worker memory by concurrent runs</title>
<rect width="100%" height="100%" fill="white"/>
${panels.map((spec, index) => panel({ ...spec, x0: index * WIDTH })).join('\n')}
${legendItems.join('\n')}
<text x="12" y="${HEIGHT + 32}" fill="#374151">${machine.cores ?? '?'} cores (${machine.cpu ?? 'unknown CPU'}), ${machine.memoryGB ?? '?'} GB, Node ${machine.node ?? '?'} · demo model ${after.pace} tokens/s, 200-token replies, one worker · load average at start ${(machine.loadAverage ?? []).join(' ')}</text>
</svg>
`;
writeFileSync(out, svg);
console.log(`written ${out}`);
