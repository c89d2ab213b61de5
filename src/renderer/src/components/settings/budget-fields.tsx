import { LimitInput } from '../common/limit-input';
import type { BudgetDraft } from './budget-draft';

/** Settings › Budget: each run's limits, and what happens at one. */
export function BudgetFields({
  draft,
  onChange,
}: {
  readonly draft: BudgetDraft;
  readonly onChange: (draft: BudgetDraft) => void;
}) {
  const field = (key: keyof BudgetDraft) => (value: string) => onChange({ ...draft, [key]: value });
  return (
    <fieldset>
      <legend>Budget of each run</legend>
      <div className="field-pair">
        <LimitInput label="Max tokens" value={draft.maxTokens} onChange={field('maxTokens')} />
        <LimitInput label="Max cost (USD)" value={draft.maxCostUsd} decimal onChange={field('maxCostUsd')} />
      </div>
      <div className="field-pair">
        <LimitInput label="Max tool calls" value={draft.maxToolCalls} onChange={field('maxToolCalls')} />
        <label>
          <span>At a limit</span>
          <select value={draft.onLimit} onChange={(event) => field('onLimit')(event.target.value)}>
            <option value="stop">End the run (budget exhausted)</option>
            <option value="ask">Ask whether to continue</option>
          </select>
        </label>
      </div>
      <small>Failed attempts count. Cost uses the built-in price table of the model.</small>
    </fieldset>
  );
}
