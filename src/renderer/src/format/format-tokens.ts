import type { UsageTotals } from '../../../shared/models';

const numberFormat = new Intl.NumberFormat();

export function formatCount(count: number): string {
  return numberFormat.format(count);
}

/** What prompt tokens are, for a tooltip beside usage: the same prompt can cost 46 tokens or 1,000. */
export const PROMPT_TOKENS_EXPLAINED =
  'Prompt tokens are sent with every model call: the instructions, the whole conversation so far and the ' +
  'tool definitions (a tool run sends them again with the tool result). Completion tokens are what the model ' +
  'wrote. Both are the answer’s own: the same whether or not a retry happened.';

/** Tokens that did not go into the answer (0 when usage was stored before they were split by cause). */
export function spentApart(usage: UsageTotals): { failed: number; stopped: number } {
  const stopped = usage.stoppedTokens ?? 0;
  const failed = usage.failedAttemptTokens ?? Math.max(0, usage.wastedTokens - stopped);
  return { failed, stopped };
}

/**
 * `prompt 10 · completion 12 · total 22` — the answer's own tokens — then what went elsewhere, by cause:
 * `· 40 on failed attempts (retried)`, `· 30 on the stopped call`.
 */
export function formatUsage(usage: UsageTotals): string {
  const parts = [
    `prompt ${formatCount(usage.promptTokens)}`,
    `completion ${formatCount(usage.completionTokens)}`,
    `total ${formatCount(usage.totalTokens)}`,
  ];
  const { failed, stopped } = spentApart(usage);
  if (failed > 0) parts.push(`${formatCount(failed)} on failed attempts (retried)`);
  if (stopped > 0) parts.push(`${formatCount(stopped)} on the stopped call`);
  return parts.join(' · ');
}
