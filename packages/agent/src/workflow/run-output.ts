import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import type { WorkflowStreamState } from '@temporalio/workflow-streams/workflow';
import { messageOf } from '../common/error-message';
import type { AgentRunOutput, AgentRunResult, RunError } from '../common/types';

/** Attempts of one model call before the run fails (a fallback model starts its own count). */
export const MODEL_MAX_ATTEMPTS = 6;
/** Attempts of one tool call before the run fails. */
export const TOOL_MAX_ATTEMPTS = 5;

/** Temporal refuses results over 2 MB: beyond this, late readers get the result without the event log. */
const MAX_REPLAY_LOG_CHARACTERS = 1_000_000;

export function withReplayLog(result: AgentRunResult, state: WorkflowStreamState): AgentRunOutput {
  const log = state.log.map(({ topic, data }) => ({ topic, data }));
  const size = log.reduce((sum, entry) => sum + entry.data.length, 0);
  if (size > MAX_REPLAY_LOG_CHARACTERS)
    return { result, log: [], logBaseOffset: state.base_offset + log.length };
  return { result, log, logBaseOffset: state.base_offset };
}

/** What RUN_FINISHED carries: the outcome without the messages (they can be large; the result has them). */
export function summarize({ status, text, usage, attempts, rounds, budget, spend }: AgentRunResult) {
  return {
    status,
    text,
    usage,
    attempts,
    rounds,
    ...(budget ? { budget } : {}),
    ...(spend ? { spend } : {}),
  };
}

/**
 * A model call that gave up with fewer attempts run than handed out: the others went to a worker that
 * never started them (see `unstarted-attempts.ts`).
 */
export interface AttemptsHandedOut {
  readonly ran: number;
  readonly handedOut: number;
}

/**
 * The run's error: the cause of the last attempt, saying so when the attempts ran out — and, when some of
 * them never started (`attempts`), how many were handed out and how many ran.
 */
export function describeFailure(caught: unknown, attempts?: AttemptsHandedOut): RunError {
  const activity = caught instanceof ActivityFailure ? caught : undefined;
  const cause = activity ? activity.cause : caught;
  const gaveUp =
    activity?.retryState === 'MAXIMUM_ATTEMPTS_REACHED'
      ? `gave up after ${attempts ? describeHandedOut(attempts) : `${activity.activityType === 'callTool' ? TOOL_MAX_ATTEMPTS : MODEL_MAX_ATTEMPTS} attempts`} — `
      : '';
  if (cause instanceof ApplicationFailure) {
    return { code: cause.type ?? 'ApplicationFailure', message: `${gaveUp}${cause.message}` };
  }
  if (cause instanceof TimeoutFailure) {
    const call = activity?.activityType === 'callTool' ? 'the tool call' : 'the model call';
    const timeout = (cause.timeoutType ?? 'activity').toLowerCase().replace(/_/g, '-');
    return {
      code: 'ActivityTimeout',
      message: `${gaveUp}the worker running ${call} stopped responding (${timeout} timeout)`,
    };
  }
  return { code: 'unexpected', message: messageOf(cause) };
}

/** `18 attempts handed out: 2 ran, 16 went to a worker that stopped responding before starting them`. */
function describeHandedOut({ ran, handedOut }: AttemptsHandedOut): string {
  const unstarted = handedOut - ran;
  const went = unstarted === 1 ? '1 went' : `${unstarted} went`;
  return `${handedOut} attempts handed out: ${ran} ran, ${went} to a worker that stopped responding before starting ${unstarted === 1 ? 'it' : 'them'}`;
}
