import { z } from 'zod';
import type { BudgetLimits, BudgetSpend, PriceTable, RunBudget } from '../common/budget';
import { AgentError } from '../common/errors';
import { budgetSpendSchema } from '../common/events';
import { durationSchema } from '../temporal/duration-schema';
import { DEFAULT_PRICES } from './default-prices';

const limitsFields = {
  /** Tokens, prompt and completion, of every attempt (failed ones too) and of sub-agents. */
  maxTokens: z.number().int().positive().optional(),
  /** USD, from the price table (`prices`). */
  maxCostUsd: z.number().positive().optional(),
  /**
   * Wall time since the run started: checked before each model round, tool call and sub-agent run, and a
   * model call still going at the limit ends there (its partial text kept).
   */
  maxWallTime: durationSchema.optional(),
  maxToolCalls: z.number().int().nonnegative().optional(),
  maxSubAgentRuns: z.number().int().nonnegative().optional(),
};

export const BudgetOptionsSchema = z.object({
  ...limitsFields,
  /** Limits for the whole conversation; `spentBefore` says what its earlier runs spent. */
  conversation: z.object(limitsFields).optional(),
  spentBefore: budgetSpendSchema.optional(),
  /** At a limit: `stop` (default) ends the run as `budget-exhausted`; `ask` waits for a person's answer. */
  onBudget: z.enum(['stop', 'ask']).default('stop'),
});

/** A run's budget as callers give it (`Agent.create({ budget })`, `agent.stream(prompt, { budget })`). */
export type BudgetOptions = z.input<typeof BudgetOptionsSchema>;

export const PriceTableSchema: z.ZodType<PriceTable> = z.record(
  z.string(),
  z.object({ inputPerMillion: z.number().nonnegative(), outputPerMillion: z.number().nonnegative() }),
);

/**
 * The budget a run carries: the run's options over the agent's, priced by the agent's table over the
 * defaults. Undefined when neither sets a limit.
 */
export function resolveBudget(
  agentBudget: BudgetOptions | undefined,
  runBudget: BudgetOptions | undefined,
  prices: PriceTable | undefined,
): RunBudget | undefined {
  if (!agentBudget && !runBudget) return undefined;
  const parsed = BudgetOptionsSchema.safeParse({ ...agentBudget, ...runBudget });
  if (!parsed.success)
    throw new AgentError(
      'invalid-input',
      `budget: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  const { conversation, spentBefore, onBudget, ...run } = parsed.data;
  const runLimits = toLimits(run);
  const conversationLimits = conversation ? toLimits(conversation) : undefined;
  if (!runLimits && !conversationLimits) return undefined;
  return {
    ...(runLimits ? { run: runLimits } : {}),
    ...(conversationLimits ? { conversation: conversationLimits } : {}),
    ...(spentBefore ? { spentBefore: spentBefore as BudgetSpend } : {}),
    onBudget,
    prices: { ...DEFAULT_PRICES, ...prices },
  };
}

function toLimits(options: {
  maxTokens?: number | undefined;
  maxCostUsd?: number | undefined;
  maxWallTime?: number | undefined;
  maxToolCalls?: number | undefined;
  maxSubAgentRuns?: number | undefined;
}): BudgetLimits | undefined {
  const limits: BudgetLimits = {
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.maxCostUsd !== undefined ? { maxCostUsd: options.maxCostUsd } : {}),
    ...(options.maxWallTime !== undefined ? { maxWallTimeMs: options.maxWallTime } : {}),
    ...(options.maxToolCalls !== undefined ? { maxToolCalls: options.maxToolCalls } : {}),
    ...(options.maxSubAgentRuns !== undefined ? { maxSubAgentRuns: options.maxSubAgentRuns } : {}),
  };
  return Object.keys(limits).length > 0 ? limits : undefined;
}
