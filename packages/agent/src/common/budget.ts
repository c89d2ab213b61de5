/**
 * Budgets: what a run (and a conversation) may spend before it ends as `budget-exhausted`, or asks.
 * Plain data, workflow-safe: it travels in the run's input.
 */

/** The limits a budget can set. */
export type BudgetLimitName = 'tokens' | 'cost' | 'wall-time' | 'tool-calls' | 'sub-agent-runs';

/** Limits, each optional: tokens (failed attempts count), USD, milliseconds, tool calls, sub-agent runs. */
export interface BudgetLimits {
  readonly maxTokens?: number;
  readonly maxCostUsd?: number;
  readonly maxWallTimeMs?: number;
  readonly maxToolCalls?: number;
  readonly maxSubAgentRuns?: number;
}

/** What was spent, in the units of the limits. */
export interface BudgetSpend {
  readonly tokens: number;
  readonly costUsd: number;
  readonly wallTimeMs: number;
  readonly toolCalls: number;
  readonly subAgentRuns: number;
}

export const ZERO_SPEND: BudgetSpend = {
  tokens: 0,
  costUsd: 0,
  wallTimeMs: 0,
  toolCalls: 0,
  subAgentRuns: 0,
};

/** USD per million tokens, prompt and completion. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/** Prices by model name; `*` prices any model not listed. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * A run's budget: limits for the run, limits for its conversation (with what the conversation's earlier
 * runs spent), and what happens at a limit — `stop` ends the run as `budget-exhausted`; `ask` pauses it
 * with a durable question, answered like an approval (yes adds the same amount again).
 */
export interface RunBudget {
  readonly run?: BudgetLimits;
  readonly conversation?: BudgetLimits;
  /** What earlier runs of the conversation spent (for `conversation` limits). */
  readonly spentBefore?: BudgetSpend;
  readonly onBudget: 'stop' | 'ask';
  readonly prices: PriceTable;
}

/** The limit a run reached: which, of what scope, its value and what was spent. */
export interface BudgetBreach {
  readonly limit: BudgetLimitName;
  readonly scope: 'run' | 'conversation';
  /** The limit's value, in its unit (tokens, USD, ms, calls, runs). */
  readonly value: number;
  /** What was spent of that limit, in its unit. */
  readonly spent: number;
  /** Everything the run (with `spentBefore`, for a conversation limit) spent so far. */
  readonly spend: BudgetSpend;
  /** A sentence: `Budget of 1,000 tokens reached (spent 1,234 tokens)`. */
  readonly message: string;
}

/** The tool name under which a budget question waits, like a tool call's approval. */
export const BUDGET_APPROVAL_TOOL = 'budget';

const LIMIT_KEYS: readonly [BudgetLimitName, keyof BudgetLimits, keyof BudgetSpend][] = [
  ['tokens', 'maxTokens', 'tokens'],
  ['cost', 'maxCostUsd', 'costUsd'],
  ['wall-time', 'maxWallTimeMs', 'wallTimeMs'],
  ['tool-calls', 'maxToolCalls', 'toolCalls'],
  ['sub-agent-runs', 'maxSubAgentRuns', 'subAgentRuns'],
];

/**
 * The work a run is about to do: a model round is held back by the limits on tokens, cost and wall time;
 * a tool call also by the tool-call limit; a sub-agent run also by the sub-agent-run limit.
 */
export type BudgetedWork = 'model-round' | 'tool-call' | 'sub-agent-run';

const LIMITS_OF_WORK: Readonly<Record<BudgetedWork, readonly BudgetLimitName[]>> = {
  'model-round': ['tokens', 'cost', 'wall-time'],
  'tool-call': ['tokens', 'cost', 'wall-time', 'tool-calls'],
  'sub-agent-run': ['tokens', 'cost', 'wall-time', 'sub-agent-runs'],
};

/** The first limit of `limits` that `spend` has reached and that holds back `work`, or undefined. */
export function findBreach(
  limits: BudgetLimits | undefined,
  spend: BudgetSpend,
  scope: 'run' | 'conversation',
  work: BudgetedWork,
): BudgetBreach | undefined {
  if (!limits) return undefined;
  for (const [limit, limitKey, spendKey] of LIMIT_KEYS) {
    if (!LIMITS_OF_WORK[work].includes(limit)) continue;
    const value = limits[limitKey];
    const spent = spend[spendKey];
    if (value !== undefined && spent >= value) {
      const message = `Budget of ${formatAmount(limit, value)} reached (spent ${formatAmount(limit, spent)})`;
      return {
        limit,
        scope,
        value,
        spent,
        spend,
        message: scope === 'run' ? message : `Conversation ${message.toLowerCase()}`,
      };
    }
  }
  return undefined;
}

/**
 * Limits after a yes to "continue with 1,000 more?": the limit reached allows its own value again, counted
 * from what was spent.
 */
export function extendLimit(limits: BudgetLimits, breach: BudgetBreach): BudgetLimits {
  const entry = LIMIT_KEYS.find(([name]) => name === breach.limit);
  if (!entry) return limits;
  return { ...limits, [entry[1]]: breach.spent + breach.value };
}

/** The question a paused run asks: `Budget of 1,000 tokens reached — continue with 1,000 more?` */
export function budgetQuestion(breach: BudgetBreach): string {
  const head = breach.scope === 'run' ? 'Budget' : 'Conversation budget';
  const more =
    breach.limit === 'cost' || breach.limit === 'wall-time'
      ? formatAmount(breach.limit, breach.value)
      : withThousands(breach.value);
  return `${head} of ${formatAmount(breach.limit, breach.value)} reached — continue with ${more} more?`;
}

/** Two spends together (a conversation's earlier runs and this one). */
export function addSpend(a: BudgetSpend, b: BudgetSpend): BudgetSpend {
  return {
    tokens: a.tokens + b.tokens,
    costUsd: a.costUsd + b.costUsd,
    wallTimeMs: a.wallTimeMs + b.wallTimeMs,
    toolCalls: a.toolCalls + b.toolCalls,
    subAgentRuns: a.subAgentRuns + b.subAgentRuns,
  };
}

/** USD of `promptTokens` and `completionTokens` of `model` (priced by `*` when not listed; 0 when neither). */
export function priceOf(
  prices: PriceTable,
  model: string | undefined,
  promptTokens: number,
  completionTokens: number,
): number {
  // A model of one of the worker's endpoints (`@<endpoint>/<model>`) is priced by its own name too.
  const plain = model?.replace(/^@[^/]+\//, '');
  const price =
    (model !== undefined ? prices[model] : undefined) ??
    (plain !== undefined ? prices[plain] : undefined) ??
    prices['*'];
  if (!price) return 0;
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}

/** `1,000 tokens`, `$0.50`, `30 s`, `3 tool calls`, `2 sub-agent runs`. */
export function formatAmount(limit: BudgetLimitName, amount: number): string {
  switch (limit) {
    case 'tokens':
      return `${withThousands(amount)} tokens`;
    case 'cost':
      return `$${amount < 0.01 && amount > 0 ? amount.toFixed(4) : amount.toFixed(2)}`;
    case 'wall-time':
      return `${withThousands(amount / 1000)} s`;
    case 'tool-calls':
      return `${amount} tool call${amount === 1 ? '' : 's'}`;
    case 'sub-agent-runs':
      return `${amount} sub-agent run${amount === 1 ? '' : 's'}`;
    default:
      return String(amount);
  }
}

/** `1234.4` → `1,234` (no Intl: the same text in every workflow sandbox). */
function withThousands(amount: number): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
