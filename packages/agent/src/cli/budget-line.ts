import { type BudgetLimits, type BudgetSpend, formatAmount } from '../common/budget';
import type { AgentRunResult } from '../common/types';
import type { RunViewBudget } from '../runs/run-view';

/**
 * The CLI's `[budget] …` line at a run's end: what it spent of each limit it had, e.g.
 * `[budget] exhausted — Budget of 1,000 tokens reached (spent 1,234 tokens)` or
 * `[budget] spent 812 of 1,000 tokens, 1 of 3 tool calls`.
 */
export function budgetEndingLine(
  result: AgentRunResult,
  budget: RunViewBudget | undefined,
): string | undefined {
  if (result.budget) return `[budget] exhausted — ${result.budget.message}`;
  const spend = result.spend ?? budget?.spend;
  if (!spend || !budget) return undefined;
  const parts = spentOfLimits(spend, budget.limits);
  return parts.length > 0 ? `[budget] spent ${parts.join(', ')}` : undefined;
}

function spentOfLimits(spend: BudgetSpend, limits: BudgetLimits): string[] {
  const parts: string[] = [];
  if (limits.maxTokens !== undefined)
    parts.push(
      `${formatAmount('tokens', spend.tokens).replace(' tokens', '')} of ${formatAmount('tokens', limits.maxTokens)}`,
    );
  if (limits.maxCostUsd !== undefined)
    parts.push(`${formatAmount('cost', spend.costUsd)} of ${formatAmount('cost', limits.maxCostUsd)}`);
  if (limits.maxToolCalls !== undefined)
    parts.push(`${spend.toolCalls} of ${formatAmount('tool-calls', limits.maxToolCalls)}`);
  if (limits.maxWallTimeMs !== undefined)
    parts.push(
      `${formatAmount('wall-time', spend.wallTimeMs)} of ${formatAmount('wall-time', limits.maxWallTimeMs)}`,
    );
  if (limits.maxSubAgentRuns !== undefined)
    parts.push(`${spend.subAgentRuns} of ${formatAmount('sub-agent-runs', limits.maxSubAgentRuns)}`);
  return parts;
}
