import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import type { HandedOverAttempts } from '../common/activity-types';
import type { ActiveRun } from './active-run';
import { attemptsOf } from './model-fallback';
import { type AttemptsHandedOut, MODEL_MAX_ATTEMPTS } from './run-output';

/**
 * However many of them never start, a model call hands out at most this many attempts: an attempt lost
 * before its first heartbeat every time (a worker that dies at once) still ends the run.
 */
export const MODEL_MAX_ATTEMPTS_HANDED_OUT = 3 * MODEL_MAX_ATTEMPTS;

/**
 * A model call whose attempts ran out while some of them never started, and the attempts it may still make.
 *
 * A paused worker (SIGSTOP, a frozen VM) keeps its activity polls open, and Temporal hands the next attempts
 * to them — the oldest polls first, so before any healthy worker's — each one lost a heartbeat timeout
 * later without ever running. Those do not use up the call's attempts: the call is made again, counting on
 * from the last attempt handed out, with the attempts that ran carried over, until as many as a call may
 * make have run (or `MODEL_MAX_ATTEMPTS_HANDED_OUT` were handed out). An attempt ran when it reported
 * itself: its heartbeat (the model call heartbeats from its first line) or its own failure.
 *
 * Undefined when every attempt ran, or when the failure does not say which ones did.
 */
export function unstartedAttemptsAgain(
  run: Pick<ActiveRun, 'handedOver' | 'attemptsBefore'>,
  caught: unknown,
): HandedOverAttempts | undefined {
  const call = attemptsOfCall(run, caught);
  if (!call) return undefined;
  const { firstOfCall, lastHandedOut, failed, ran, handedOut } = call;
  const attemptsLeft = Math.min(MODEL_MAX_ATTEMPTS - ran, MODEL_MAX_ATTEMPTS_HANDED_OUT - handedOut);
  if (ran >= handedOut || attemptsLeft <= 0) return undefined;
  // Said of this call's attempts: the ones an earlier call lost were named by its own reset.
  const unstarted =
    lastHandedOut - firstOfCall + 1 - failed.filter((attempt) => attempt.attempt >= firstOfCall).length;
  return {
    count: lastHandedOut,
    failed,
    reason: `${unstarted === 1 ? 'an attempt went' : `${unstarted} attempts went`} to a worker that stopped responding before starting ${unstarted === 1 ? 'it' : 'them'}`,
    attemptsLeft,
  };
}

/**
 * A model call that gave up for good before as many attempts as a call may make had run — the others went
 * to a worker that never started them, until `MODEL_MAX_ATTEMPTS_HANDED_OUT` were handed out: how many of
 * each, for the run's error. Undefined when the call's attempts ran (the error says "gave up after 6 attempts").
 */
export function attemptsHandedOut(
  run: Pick<ActiveRun, 'handedOver' | 'attemptsBefore'>,
  caught: unknown,
): AttemptsHandedOut | undefined {
  const call = attemptsOfCall(run, caught);
  if (!call || call.ran >= MODEL_MAX_ATTEMPTS || call.ran >= call.handedOut) return undefined;
  return { ran: call.ran, handedOut: call.handedOut };
}

/**
 * The attempts of a model call whose attempts ran out, counted from the current model's first: the call's
 * first and last attempt handed out, the failed attempts (all models), how many ran and were handed out.
 */
function attemptsOfCall(run: Pick<ActiveRun, 'handedOver' | 'attemptsBefore'>, caught: unknown) {
  if (!(caught instanceof ActivityFailure) || caught.activityType !== 'invokeModelStreaming')
    return undefined;
  if (caught.retryState !== 'MAXIMUM_ATTEMPTS_REACHED' || !tellsWhichAttemptsRan(caught.cause))
    return undefined;
  const { handedOver, attemptsBefore } = run;
  const firstOfCall = (handedOver?.count ?? 0) + 1;
  const lastHandedOut = firstOfCall - 1 + (handedOver?.attemptsLeft ?? MODEL_MAX_ATTEMPTS);
  const { failed } = attemptsOf(caught.cause, lastHandedOut);
  const ran = failed.filter((attempt) => attempt.attempt > attemptsBefore).length;
  return { firstOfCall, lastHandedOut, failed, ran, handedOut: lastHandedOut - attemptsBefore };
}

/** A lost attempt's last heartbeat, or an attempt's own failure with its attempts, tells which ones ran. */
function tellsWhichAttemptsRan(cause: unknown): boolean {
  if (cause instanceof TimeoutFailure) return cause.timeoutType === 'HEARTBEAT';
  if (cause instanceof ApplicationFailure) {
    const details = cause.details?.[0] as { attempt?: unknown } | undefined;
    return typeof details?.attempt === 'number';
  }
  return false;
}
