import { messageOf } from '../common/error-message';
import { emptyRunResult } from '../common/run-usage';
import type { AgentRunResult } from '../common/types';

/** The result of a run Temporal refused to start (the reason is the error). */
export function notSubmittedResult(error: unknown): AgentRunResult {
  return emptyRunResult('failed', {
    code: 'not-submitted',
    message: `the run could not be submitted: ${messageOf(error)}`,
  });
}

/** The result of a run its own Temporal does not know (`message` says why). */
export function runNotFoundResult(message: string): AgentRunResult {
  return emptyRunResult('failed', { code: 'run-not-found', message });
}
