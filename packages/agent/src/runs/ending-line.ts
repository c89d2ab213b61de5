import { assertNever } from '../common/errors';
import { describeModelCalls } from '../common/run-usage';
import type { RunEnding } from './run-journal';
import { settleRunView } from './settle-run-view';

/**
 * How a run ended, in words — the last line of its timeline, beside `describeMilestone`'s:
 * `completed after 1 model call, 1 retry: 408 tokens for the answer, and 199 on failed attempts (retried)`.
 * Read from the view settled by Temporal's recorded result (usage of an attempt lost to kill -9 is only there).
 */
export function describeEnding({ view, result }: Pick<RunEnding, 'view' | 'result'>): string {
  const { usage, modelCalls, retries, error } = settleRunView(view, result);
  switch (result.status) {
    case 'completed': {
      const failed = usage.failedAttemptTokens ?? usage.wastedTokens;
      const apart = failed > 0 ? `, and ${failed} on failed attempts (retried)` : '';
      const calls = describeModelCalls(Math.max(modelCalls ?? 0, 1), retries ?? 0);
      return `completed after ${calls}: ${usage.totalTokens} tokens for the answer${apart}`;
    }
    case 'cancelled':
      return 'stopped by the user; the partial text was kept';
    case 'failed':
      return error?.message ?? 'the run failed';
    case 'budget-exhausted':
      return `${result.budget?.message ?? 'a budget limit was reached'}: the run ended (budget-exhausted)`;
    default:
      return assertNever(result.status);
  }
}
