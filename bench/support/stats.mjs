/** Small statistics over lists of numbers (undefined entries are ignored). */

export function percentile(values, fraction) {
  const sorted = values.filter((value) => typeof value === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export const median = (values) => percentile(values, 0.5);
export const p95 = (values) => percentile(values, 0.95);
export const max = (values) => Math.max(...values.filter((value) => typeof value === 'number'));

export function round(value, digits = 0) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));
