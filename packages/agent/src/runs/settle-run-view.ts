import { withRunCounts } from '../common/run-usage';
import type { AgentRunResult } from '../common/types';
import type { RunView } from './run-view';

/**
 * The view of a run that has ended, by Temporal's word: the phase, error and usage of its recorded result
 * win over what the events showed (a run that timed out or was never found has few or no events; usage of
 * an attempt lost to kill -9 is only in the result).
 */
export function settleRunView(view: RunView, recorded: AgentRunResult): RunView {
  const result = withRunCounts(recorded);
  const { answer, failedAttempts, stopped } = result.usageBreakdown;
  const usage =
    result.usageByAttempt.length > 0 || result.usage.totalTokens > 0
      ? {
          ...answer,
          failedAttemptTokens: failedAttempts.totalTokens,
          stoppedTokens: stopped.totalTokens,
          wastedTokens: failedAttempts.totalTokens + stopped.totalTokens,
        }
      : view.usage;
  // The recorded answer is the answer: it wins over text a reader may have missed or seen twice.
  const last = view.messages.at(-1);
  const messages =
    result.text === '' || last?.text === result.text
      ? view.messages
      : [
          ...view.messages.slice(0, last ? -1 : undefined),
          { messageId: last?.messageId ?? 'answer', text: result.text, attempt: view.currentAttempt },
        ];
  const { error: _shown, workerWait: _wait, ...rest } = view;
  return {
    ...rest,
    phase: result.status,
    attempts: Math.max(view.attempts, result.attempts),
    modelCalls: Math.max(view.modelCalls ?? 0, result.modelCalls),
    retries: Math.max(view.retries ?? 0, result.retries),
    usage,
    messages,
    approvals: [],
    ...(result.error ? { error: result.error } : {}),
  };
}
