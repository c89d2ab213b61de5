import type { InvokeModelStreamingOutput } from '../common/activity-types';
import {
  addSpend,
  type BudgetBreach,
  type BudgetedWork,
  type BudgetLimits,
  type BudgetSpend,
  extendLimit,
  findBreach,
  priceOf,
  type RunBudget,
  ZERO_SPEND,
} from '../common/budget';
import type { ControlEventOf } from '../common/events';
import type { BudgetMeterState } from '../common/run-continuation';
import type { Usage } from '../common/types';

/**
 * What a run has spent against its budget: tokens of every attempt (failed and cancelled ones too),
 * their cost from the budget's price table, workflow time since the run started, tool calls and
 * sub-agent runs (their tokens too). Workflow state: replays count the same.
 */
export class BudgetMeter {
  private readonly startedAt: number;
  private tokens: number;
  private costUsd: number;
  private toolCalls: number;
  private subAgentRuns: number;
  private runLimits: BudgetLimits;
  private conversationLimits: BudgetLimits | undefined;

  /** A new meter, or the counts a run carried when it continued as new. */
  constructor(
    private readonly budget: RunBudget,
    state?: BudgetMeterState,
  ) {
    this.startedAt = state?.startedAt ?? Date.now();
    this.tokens = state?.tokens ?? 0;
    this.costUsd = state?.costUsd ?? 0;
    this.toolCalls = state?.toolCalls ?? 0;
    this.subAgentRuns = state?.subAgentRuns ?? 0;
    this.runLimits = state?.runLimits ?? budget.run ?? {};
    this.conversationLimits = state ? state.conversationLimits : budget.conversation;
  }

  /** What the meter counted, for the run's next Temporal run when it continues as new. */
  state(): BudgetMeterState {
    const { startedAt, tokens, costUsd, toolCalls, subAgentRuns, runLimits, conversationLimits } = this;
    return {
      startedAt,
      tokens,
      costUsd,
      toolCalls,
      subAgentRuns,
      runLimits,
      ...(conversationLimits ? { conversationLimits } : {}),
    };
  }

  get onBudget(): 'stop' | 'ask' {
    return this.budget.onBudget;
  }

  /** A model round's attempts: the one that answered and those that failed before it. */
  recordRound(output: InvokeModelStreamingOutput, model: string | undefined): void {
    for (const usage of [...output.failedAttempts, output.usage]) this.recordTokens(usage, model);
  }

  recordTokens(usage: Usage, model: string | undefined): void {
    this.tokens += usage.totalTokens;
    this.costUsd += priceOf(this.budget.prices, model, usage.promptTokens, usage.completionTokens);
  }

  recordToolCall(): void {
    this.toolCalls += 1;
  }

  /** A delegation to a sub-agent, with what the sub-agent used. */
  recordSubAgentRun(usage: Usage | undefined, model: string | undefined): void {
    this.subAgentRuns += 1;
    if (usage) this.recordTokens(usage, model);
  }

  spend(): BudgetSpend {
    return {
      tokens: this.tokens,
      costUsd: this.costUsd,
      wallTimeMs: Date.now() - this.startedAt,
      toolCalls: this.toolCalls,
      subAgentRuns: this.subAgentRuns,
    };
  }

  /** How long until a wall-time limit (the run's or the conversation's) is reached; undefined: none set. */
  wallTimeLeftMs(): number | undefined {
    const elapsed = Date.now() - this.startedAt;
    const run = this.runLimits.maxWallTimeMs;
    const conversation = this.conversationLimits?.maxWallTimeMs;
    const left = [
      ...(run === undefined ? [] : [run - elapsed]),
      ...(conversation === undefined
        ? []
        : [conversation - (this.budget.spentBefore?.wallTimeMs ?? 0) - elapsed]),
    ];
    return left.length > 0 ? Math.min(...left) : undefined;
  }

  /** The first limit reached that holds back `work`: the run's, then the conversation's (earlier runs added). */
  breach(work: BudgetedWork): BudgetBreach | undefined {
    const spend = this.spend();
    const conversationSpend = addSpend(this.budget.spentBefore ?? ZERO_SPEND, spend);
    return (
      findBreach(this.runLimits, spend, 'run', work) ??
      findBreach(this.conversationLimits, conversationSpend, 'conversation', work)
    );
  }

  /** A yes to the budget question: the limit reached allows its own value again, from what was spent. */
  extend(breach: BudgetBreach): void {
    if (breach.scope === 'run') this.runLimits = extendLimit(this.runLimits, breach);
    else if (this.conversationLimits) this.conversationLimits = extendLimit(this.conversationLimits, breach);
  }

  /** The `budget-status` event's value: limits and spend, for a budget meter. */
  status(): ControlEventOf<'budget-status'>['value'] {
    return {
      limits: this.runLimits,
      ...(this.conversationLimits ? { conversationLimits: this.conversationLimits } : {}),
      ...(this.budget.spentBefore ? { spentBefore: this.budget.spentBefore } : {}),
      spend: this.spend(),
      onBudget: this.budget.onBudget,
    };
  }
}
