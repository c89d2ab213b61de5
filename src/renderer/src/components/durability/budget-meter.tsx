import {
  addSpend,
  type BudgetLimits,
  type BudgetSpend,
  formatAmount,
  type RunViewBudget,
} from 'durable-agent/run-view';

interface MeterRow {
  readonly label: string;
  readonly spent: number;
  readonly limit: number;
  readonly text: string;
}

/** `Tokens`; of the conversation's limits, `Conversation tokens`. */
const labelOf = (scope: 'run' | 'conversation', name: string) =>
  scope === 'run' ? name : `Conversation ${name.toLowerCase()}`;

function rowsOf(limits: BudgetLimits, spend: BudgetSpend, scope: 'run' | 'conversation' = 'run'): MeterRow[] {
  const rows: MeterRow[] = [];
  if (limits.maxTokens !== undefined)
    rows.push({
      label: labelOf(scope, 'Tokens'),
      spent: spend.tokens,
      limit: limits.maxTokens,
      text: `${formatAmount('tokens', spend.tokens).replace(' tokens', '')} of ${formatAmount('tokens', limits.maxTokens)}`,
    });
  if (limits.maxCostUsd !== undefined)
    rows.push({
      label: labelOf(scope, 'Cost'),
      spent: spend.costUsd,
      limit: limits.maxCostUsd,
      text: `${formatAmount('cost', spend.costUsd)} of ${formatAmount('cost', limits.maxCostUsd)}`,
    });
  if (limits.maxToolCalls !== undefined)
    rows.push({
      label: labelOf(scope, 'Tool calls'),
      spent: spend.toolCalls,
      limit: limits.maxToolCalls,
      text: `${spend.toolCalls} of ${limits.maxToolCalls}`,
    });
  return rows;
}

/** What the conversation spent: its earlier runs' spend and this run's. */
function conversationSpend(budget: RunViewBudget): BudgetSpend {
  return budget.spentBefore ? addSpend(budget.spentBefore, budget.spend) : budget.spend;
}

/**
 * What the run spent of each limit of its budget, and the conversation of its own limits, as bars; the
 * limit reached, when one was.
 */
export function BudgetMeter({ budget }: { readonly budget: RunViewBudget }) {
  const rows = [
    ...rowsOf(budget.limits, budget.spend),
    ...(budget.conversationLimits
      ? rowsOf(budget.conversationLimits, conversationSpend(budget), 'conversation')
      : []),
  ];
  if (rows.length === 0) return null;
  return (
    <section className="budget-meter" aria-label="Budget">
      {rows.map((row) => (
        <div key={row.label} className="budget-row">
          <span>{row.label}</span>
          <meter
            min={0}
            max={row.limit}
            value={Math.min(row.spent, row.limit)}
            aria-label={`${row.label} budget`}
          />
          <span className="muted" data-testid="budget-spent">
            {row.text}
          </span>
        </div>
      ))}
      {budget.reached && <p className="error-text">{budget.reached.message}</p>}
    </section>
  );
}
