import { ZERO_BREAKDOWN } from '../common/run-usage';
import type { AgentRunResult, RunError } from '../common/types';
import { ZERO_USAGE } from '../common/types';

/** The result of a run Temporal refused to start (the reason is the error). */
export function notSubmittedResult(error: unknown): AgentRunResult {
  const message = error instanceof Error ? error.message : String(error);
  return emptyResult('failed', {
    code: 'not-submitted',
    message: `the run could not be submitted: ${message}`,
  });
}

/** The result of a run its own Temporal does not know (`message` says why). */
export function runNotFoundResult(message: string): AgentRunResult {
  return emptyResult('failed', { code: 'run-not-found', message });
}

/** The result of a run that ended with nothing of its own (never started, timed out, terminated, cancelled). */
export function emptyResult(status: AgentRunResult['status'], error?: RunError): AgentRunResult {
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
