import type { RunError, RunStatus } from '../common/types';
import { answerOf, type RunAnswer } from './answer-of';
import type { RunView, RunViewUsage } from './run-view';

/** How a chat shows an answer once its run ended: whole, cut short but kept (a Stop, a budget), or failed. */
export type EndedAnswerStatus = 'complete' | 'interrupted' | 'failed';

/** A run cut short by a budget keeps its text like a stopped one. */
const ANSWER_STATUS: Record<RunStatus, EndedAnswerStatus> = {
  completed: 'complete',
  cancelled: 'interrupted',
  failed: 'failed',
  'budget-exhausted': 'interrupted',
};

/** A run's answer as a chat message stores it once the run ended: `answerOf`, with its status, usage and error. */
export interface EndedAnswer extends RunAnswer {
  readonly status: EndedAnswerStatus;
  readonly usage: RunViewUsage;
  readonly error?: RunError;
}

/** The stored answer of a run that ended with `status`, from its settled view (`settleRunView(view, result)`). */
export function endedAnswerOf(view: RunView, status: RunStatus): EndedAnswer {
  return {
    ...answerOf(view),
    status: ANSWER_STATUS[status],
    usage: view.usage,
    ...(view.error ? { error: view.error } : {}),
  };
}
