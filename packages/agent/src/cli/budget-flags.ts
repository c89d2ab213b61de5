import { readFileSync } from 'node:fs';
import type { BudgetOptions } from '../client/budget-options';
import { PriceTableSchema } from '../client/budget-options';
import type { PriceTable } from '../common/budget';
import { choiceFlag, textFlag } from './command-line';
import { UsageError } from './usage-error';

/** The `durable-agent agent` flags that set each run's budget. */
export const budgetFlags = {
  'max-tokens': { type: 'string' },
  'max-cost': { type: 'string' },
  'max-tool-calls': { type: 'string' },
  'on-budget': { type: 'string' },
  prices: { type: 'string' },
} as const;

export const budgetFlagsHelp = `Budgets (each run; at a limit the run ends as budget-exhausted and the command exits with 3):
  --max-tokens <n>             tokens of all attempts (failed ones too) and sub-agents
  --max-cost <usd>             cost in USD, priced from the price table
  --max-tool-calls <n>         tool calls
  --on-budget <stop|ask>       stop (default) ends the run; ask pauses it with a question (y/n) that
                               any client can answer, also after restarts; yes allows as much again
  --prices <file.json>         the price table: {"<model>": {"inputPerMillion": 0.15,
                               "outputPerMillion": 0.6}, "*": {…}} over the built-in prices`;

interface BudgetFlagValues {
  readonly 'max-tokens'?: string;
  readonly 'max-cost'?: string;
  readonly 'max-tool-calls'?: string;
  readonly 'on-budget'?: string;
  readonly prices?: string;
}

/** The budget the flags set (undefined when they set none) and the price table file's prices. */
export function readBudgetFlags(values: BudgetFlagValues): {
  readonly budget?: BudgetOptions;
  readonly prices?: PriceTable;
} {
  const maxTokens = countFlag('max-tokens', values['max-tokens']);
  const maxToolCalls = countFlag('max-tool-calls', values['max-tool-calls']);
  const maxCostUsd = costFlag(values['max-cost']);
  const onBudget = choiceFlag('on-budget', values['on-budget'], ['stop', 'ask'] as const);
  const pricesFile = textFlag('prices', values.prices);
  const limits = {
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(maxToolCalls !== undefined ? { maxToolCalls } : {}),
    ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
  };
  const budget = Object.keys(limits).length > 0 ? { ...limits, onBudget: onBudget ?? 'stop' } : undefined;
  return { ...(budget ? { budget } : {}), ...(pricesFile ? { prices: readPrices(pricesFile) } : {}) };
}

function countFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value))
    throw new UsageError(`Invalid --${name} "${text}": expected a whole number such as 1000.`);
  return value;
}

function costFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/^\$/, ''));
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`Invalid --max-cost "${text}": expected an amount in USD such as 0.50.`);
  return value;
}

function readPrices(file: string): PriceTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `Invalid --prices "${file}": ${error instanceof Error ? error.message : String(error)}`,
    );
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
