/**
 * The words of a run's cost, one meaning each: a run makes **model calls** (one per round: a tool run makes
 * two); each call may take several **attempts** (a retry after a lost worker or a model error is attempt 2
 * of the same call). Tokens split by what they bought: the **answer**'s own (the attempts whose output the
 * run kept — the same whether or not a retry happened), **failed attempts** (retried), and the call a
 * user's **Stop** cut short. Deterministic and browser-safe: the workflow and every reader use it.
 */
import {
  type AgentRunResult,
  type AttemptUsage,
  addUsage,
  type RunError,
  type Usage,
  ZERO_USAGE,
} from './types';

/** A run's tokens by what they bought; `usage` is their sum. */
export interface UsageBreakdown {
  /** The answer's own tokens: the attempt of each model call whose output the run kept. */
  readonly answer: Usage;
  /** Attempts that failed and were retried (lost worker, model error); estimated when one did not finish. */
  readonly failedAttempts: Usage;
  /** The model call a user's Stop cut short (its partial text is kept, marked interrupted). */
  readonly stopped: Usage;
}

/** A breakdown with nothing spent (the start of a sum). */
export const ZERO_BREAKDOWN: UsageBreakdown = {
  answer: ZERO_USAGE,
  failedAttempts: ZERO_USAGE,
  stopped: ZERO_USAGE,
};

/** The result of a run that did nothing (ended before its first model call, or was never found). */
export function emptyRunResult(status: AgentRunResult['status'], error?: RunError): AgentRunResult {
  return {
    status,
    text: '',
    messages: [],
    usage: ZERO_USAGE,
    usageBreakdown: ZERO_BREAKDOWN,
    usageByAttempt: [],
    modelCalls: 0,
    retries: 0,
    attempts: 0,
    rounds: 0,
    ...(error ? { error } : {}),
  };
}

/** Splits the usage of every attempt of every call by outcome. */
export function breakDownUsage(usageByAttempt: readonly AttemptUsage[]): UsageBreakdown {
  const of = (outcome: AttemptUsage['outcome']) =>
    usageByAttempt
      .filter((attempt) => attempt.outcome === outcome)
      .reduce<Usage>(
        (sum, { promptTokens, completionTokens, totalTokens }) =>
          addUsage(sum, { promptTokens, completionTokens, totalTokens }),
        ZERO_USAGE,
      );
  return { answer: of('completed'), failedAttempts: of('failed'), stopped: of('cancelled') };
}

export function addBreakdown(a: UsageBreakdown, b: UsageBreakdown): UsageBreakdown {
  return {
    answer: addUsage(a.answer, b.answer),
    failedAttempts: addUsage(a.failedAttempts, b.failedAttempts),
    stopped: addUsage(a.stopped, b.stopped),
  };
}

/** The fields a result of any version has (a run recorded before `modelCalls` existed has only these). */
type RecordedResult = Omit<AgentRunResult, 'modelCalls' | 'retries' | 'usageBreakdown'> &
  Partial<Pick<AgentRunResult, 'modelCalls' | 'retries' | 'usageBreakdown'>>;

/**
 * A result with its model calls, retries and usage breakdown, whatever version recorded it (older results
 * have only `attempts`, `rounds` and `usageByAttempt`: the same facts).
 */
export function withRunCounts(result: RecordedResult): AgentRunResult {
  if (result.modelCalls !== undefined && result.retries !== undefined && result.usageBreakdown)
    return result as AgentRunResult;
  const breakdown = breakDownUsage(result.usageByAttempt);
  // Sub-agents' usage is in `usage` but not in `usageByAttempt`: what they spent counts as the answer's.
  const own = addUsage(addUsage(breakdown.answer, breakdown.failedAttempts), breakdown.stopped);
  const subAgents: Usage = {
    promptTokens: result.usage.promptTokens - own.promptTokens,
    completionTokens: result.usage.completionTokens - own.completionTokens,
    totalTokens: result.usage.totalTokens - own.totalTokens,
  };
  return {
    ...result,
    modelCalls: result.rounds,
    retries: Math.max(0, result.attempts - result.rounds),
    usageBreakdown:
      subAgents.totalTokens > 0 ? { ...breakdown, answer: addUsage(breakdown.answer, subAgents) } : breakdown,
  };
}

/** `2 model calls`, `1 model call, 1 retry`: what a run did, in the words above. */
export function describeModelCalls(modelCalls: number, retries: number): string {
  const calls = `${modelCalls} model call${modelCalls === 1 ? '' : 's'}`;
  return retries === 0 ? calls : `${calls}, ${retries} retr${retries === 1 ? 'y' : 'ies'}`;
}
