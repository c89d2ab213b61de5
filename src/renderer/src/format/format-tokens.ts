import type { UsageTotals } from '../../../shared/models';

const numberFormat = new Intl.NumberFormat();

export function formatCount(count: number): string {
  return numberFormat.format(count);
}

/** `prompt 10 · completion 12 · total 22` (+ `· 40 wasted` when attempts failed). */
export function formatUsage(usage: UsageTotals): string {
  const parts = [
    `prompt ${formatCount(usage.promptTokens)}`,
    `completion ${formatCount(usage.completionTokens)}`,
    `total ${formatCount(usage.totalTokens)}`,
  ];
  if (usage.wastedTokens > 0) parts.push(`${formatCount(usage.wastedTokens)} wasted on failed attempts`);
  return parts.join(' · ');
}
