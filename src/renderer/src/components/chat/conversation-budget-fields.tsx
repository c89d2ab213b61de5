import type { ConversationBudget } from '../../../../shared/models';
import { LimitInput } from '../common/limit-input';

/** The conversation budget fields as typed (empty: no limit). */
export interface ConversationBudgetDraft {
  readonly maxTokens: string;
  readonly maxCostUsd: string;
  readonly maxToolCalls: string;
}

const text = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export function conversationBudgetDraft(budget: ConversationBudget | undefined): ConversationBudgetDraft {
  return {
    maxTokens: text(budget?.maxTokens),
    maxCostUsd: text(budget?.maxCostUsd),
    maxToolCalls: text(budget?.maxToolCalls),
  };
}

/** The budget to save (null: no limit at all), or 'invalid' when a field is not a number it can be. */
export function conversationBudgetOf(draft: ConversationBudgetDraft): ConversationBudget | null | 'invalid' {
  const read = (value: string, whole: boolean, zero: boolean): number | null | 'invalid' => {
    if (value.trim() === '') return null;
    const number = Number(value);
    if (!Number.isFinite(number) || (whole && !Number.isInteger(number))) return 'invalid';
    return number > 0 || (zero && number === 0) ? number : 'invalid';
  };
  const maxTokens = read(draft.maxTokens, true, false);
  const maxCostUsd = read(draft.maxCostUsd, false, false);
  const maxToolCalls = read(draft.maxToolCalls, true, true);
  if (maxTokens === 'invalid' || maxCostUsd === 'invalid' || maxToolCalls === 'invalid') return 'invalid';
  if (maxTokens === null && maxCostUsd === null && maxToolCalls === null) return null;
  return { maxTokens, maxCostUsd, maxToolCalls };
}

/** Conversation settings › Budget: limits over all the conversation's runs together. */
export function ConversationBudgetFields({
  draft,
  onChange,
  invalid,
}: {
  readonly draft: ConversationBudgetDraft;
  readonly onChange: (draft: ConversationBudgetDraft) => void;
  readonly invalid: boolean;
}) {
  const field = (key: keyof ConversationBudgetDraft) => (value: string) =>
    onChange({ ...draft, [key]: value });
  return (
    <fieldset>
      <legend>Budget of this conversation</legend>
      <div className="field-pair">
        <LimitInput label="Conversation max tokens" value={draft.maxTokens} onChange={field('maxTokens')} />
        <LimitInput
          label="Conversation max cost (USD)"
          value={draft.maxCostUsd}
          decimal
          onChange={field('maxCostUsd')}
        />
      </div>
      <LimitInput
        label="Conversation max tool calls"
        value={draft.maxToolCalls}
        onChange={field('maxToolCalls')}
      />
      <small className={invalid ? 'error-text' : undefined}>
        {invalid
          ? 'Each limit must be a number above 0 (tokens and tool calls whole numbers).'
          : 'All runs of this conversation together, earlier ones included; at a limit a run ends as budget exhausted (or asks, as Settings says).'}
      </small>
    </fieldset>
  );
}
