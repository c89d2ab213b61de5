import type { BudgetDraft } from './budget-draft';

/** Settings › Budget: each run's limits, and what happens at one. */
export function BudgetFields({
  draft,
  onChange,
}: {
  readonly draft: BudgetDraft;
  readonly onChange: (draft: BudgetDraft) => void;
}) {
  const field = (key: keyof BudgetDraft) => (event: { target: { value: string } }) =>
    onChange({ ...draft, [key]: event.target.value });
  return (
    <fieldset>
      <legend>Budget of each run</legend>
      <div className="field-pair">
        <label>
          <span>Max tokens</span>
          <input
            inputMode="numeric"
            value={draft.maxTokens}
            onChange={field('maxTokens')}
            placeholder="no limit"
          />
        </label>
        <label>
          <span>Max cost (USD)</span>
          <input
            inputMode="decimal"
            value={draft.maxCostUsd}
            onChange={field('maxCostUsd')}
            placeholder="no limit"
          />
        </label>
      </div>
      <div className="field-pair">
        <label>
          <span>Max tool calls</span>
          <input
            inputMode="numeric"
            value={draft.maxToolCalls}
            onChange={field('maxToolCalls')}
            placeholder="no limit"
          />
        </label>
        <label>
          <span>At a limit</span>
          <select value={draft.onLimit} onChange={field('onLimit')}>
            <option value="stop">End the run (budget exhausted)</option>
            <option value="ask">Ask whether to continue</option>
          </select>
        </label>
      </div>
      <small>Failed attempts count. Cost uses the built-in price table of the model.</small>
    </fieldset>
  );
}
