import { readFileSync } from 'node:fs';
import type { BudgetOptions } from '../client/budget-options';
import { PriceTableSchema } from '../client/budget-options';
import type { BudgetLimits, PriceTable } from '../common/budget';
import { messageOf } from '../common/error-message';
import { choiceFlag, textFlag } from './command-line';
import { UsageError } from './usage-error';

/** The `durable-agent agent` flags that set each run's budget. */
export const budgetFlags = {
  'max-tokens': { type: 'string' },
  'max-cost': { type: 'string' },
  'max-tool-calls': { type: 'string' },
  'conversation-max-tokens': { type: 'string' },
  'conversation-max-cost': { type: 'string' },
  'conversation-max-tool-calls': { type: 'string' },
  'on-budget': { type: 'string' },
  prices: { type: 'string' },
} as const;

export const budgetFlagsHelp = `Budgets (each run; at a limit the run ends as budget-exhausted and the command exits with 3):
  --max-tokens <n>             tokens of all attempts (failed ones too) and sub-agents
  --max-cost <usd>             cost in USD, priced from the price table
  --max-tool-calls <n>         tool calls
Conversation budgets (every run of the conversation together, earlier sessions' runs included; what
each run spent is kept in the data directory):
  --conversation-max-tokens <n>      tokens
  --conversation-max-cost <usd>      cost in USD
  --conversation-max-tool-calls <n>  tool calls
  --on-budget <stop|ask>       stop (default) ends the run; ask pauses it with a question (y/n) that
                               any client can answer, also after restarts; yes allows as much again
  --prices <file.json>         the price table: {"<model>": {"inputPerMillion": 0.15,
                               "outputPerMillion": 0.6}, "*": {…}} over the built-in prices`;

interface BudgetFlagValues {
  readonly 'max-tokens'?: string;
  readonly 'max-cost'?: string;
  readonly 'max-tool-calls'?: string;
  readonly 'conversation-max-tokens'?: string;
  readonly 'conversation-max-cost'?: string;
  readonly 'conversation-max-tool-calls'?: string;
  readonly 'on-budget'?: string;
  readonly prices?: string;
}

/** Limits as the flags set them, each optional. */
type FlagLimits = Pick<BudgetLimits, 'maxTokens' | 'maxCostUsd' | 'maxToolCalls'>;

/**
 * The budget the flags set (undefined when they set none), the price table file's prices, and the
 * conversation's limits (undefined when none: each run then gets them with what was spent before).
 */
export function readBudgetFlags(values: BudgetFlagValues): {
  readonly budget?: BudgetOptions;
  readonly prices?: PriceTable;
  readonly conversationLimits?: FlagLimits;
} {
  const limits = readLimits(values, '');
  const conversationLimits = readLimits(values, 'conversation-');
  const onBudget = choiceFlag('on-budget', values['on-budget'], ['stop', 'ask'] as const);
  const pricesFile = textFlag('prices', values.prices);
  const budget =
    Object.keys(limits).length > 0 || Object.keys(conversationLimits).length > 0
      ? { ...limits, onBudget: onBudget ?? 'stop' }
      : undefined;
  return {
    ...(budget ? { budget } : {}),
    ...(pricesFile ? { prices: readPrices(pricesFile) } : {}),
    ...(Object.keys(conversationLimits).length > 0 ? { conversationLimits } : {}),
  };
}

function readLimits(values: BudgetFlagValues, prefix: '' | 'conversation-'): FlagLimits {
  const maxTokens = countFlag(`${prefix}max-tokens`, values[`${prefix}max-tokens`]);
  const maxToolCalls = countFlag(`${prefix}max-tool-calls`, values[`${prefix}max-tool-calls`]);
  const maxCostUsd = costFlag(`${prefix}max-cost`, values[`${prefix}max-cost`]);
  return {
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(maxToolCalls !== undefined ? { maxToolCalls } : {}),
    ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
  };
}

function countFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value))
    throw new UsageError(`Invalid --${name} "${text}": expected a whole number such as 1000.`);
  return value;
}

function costFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/^\$/, ''));
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`Invalid --${name} "${text}": expected an amount in USD such as 0.50.`);
  return value;
}

function readPrices(file: string): PriceTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Invalid --prices "${file}": ${messageOf(error)}`);
  }
  const prices = PriceTableSchema.safeParse(parsed);
  if (!prices.success) {
    const problems = prices.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new UsageError(`Invalid --prices "${file}": ${problems}`);
  }
  return prices.data;
}
