import type { BudgetSettings } from '../../../../shared/models';

/** The budget fields of the settings form, as typed (empty: no limit). */
export interface BudgetDraft {
  readonly maxTokens: string;
  readonly maxCostUsd: string;
  readonly maxToolCalls: string;
  readonly onLimit: 'stop' | 'ask';
}

export function budgetDraft(budget: BudgetSettings): BudgetDraft {
  return {
    maxTokens: budget.maxTokens === null ? '' : String(budget.maxTokens),
    maxCostUsd: budget.maxCostUsd === null ? '' : String(budget.maxCostUsd),
    maxToolCalls: budget.maxToolCalls === null ? '' : String(budget.maxToolCalls),
    onLimit: budget.onLimit,
  };
}

/** The settings a draft says, or `invalid` when a limit is not a number it can be. */
export function budgetOf(draft: BudgetDraft): BudgetSettings | 'invalid' {
  const maxTokens = limit(draft.maxTokens, true, 1);
  const maxCostUsd = limit(draft.maxCostUsd, false, Number.MIN_VALUE);
  const maxToolCalls = limit(draft.maxToolCalls, true, 0);
  if (maxTokens === 'invalid' || maxCostUsd === 'invalid' || maxToolCalls === 'invalid') return 'invalid';
  return { maxTokens, maxCostUsd, maxToolCalls, onLimit: draft.onLimit };
}

function limit(text: string, whole: boolean, minimum: number): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < minimum || (whole && !Number.isInteger(value))) return 'invalid';
  return value;
}
