/** Reads a Prometheus text endpoint and tells what changed between two readings. */

export async function scrape(url) {
  if (!url) return new Map();
  try {
    const response = await fetch(url);
    return parse(await response.text());
  } catch {
    return new Map();
  }
}

/** `name{labels}` → value, for every sample line. */
export function parse(text) {
  const samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value)) samples.set(line.slice(0, space), value);
  }
  return samples;
}

/**
 * Per series: how much a counter grew (or a histogram's count and mean) between `before` and `after`,
 * summed over the labels not in `keep` (e.g. keep = ['operation']). Only series whose name matches and
 * whose labels include `only` (e.g. { service_name: 'frontend' }: the server counts a request once per
 * service that handles it).
 */
export function growth(before, after, namePattern, keep = [], only = {}) {
  const totals = new Map();
  for (const [series, value] of after) {
    const name = series.replace(/\{.*$/, '');
    if (!namePattern.test(name) || name.endsWith('_bucket')) continue;
    const labels = Object.fromEntries(
      [...series.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, label]) => [key, label]),
    );
    if (Object.entries(only).some(([label, value]) => labels[label] !== value)) continue;
    const key = [name, ...keep.map((label) => labels[label] ?? '')].join(' ');
    const delta = value - (before.get(series) ?? 0);
    if (delta !== 0) totals.set(key, (totals.get(key) ?? 0) + delta);
  }
  return Object.fromEntries(
    [...totals].sort((a, b) => b[1] - a[1]).map(([key, value]) => [key, Number(value.toFixed(3))]),
  );
}
