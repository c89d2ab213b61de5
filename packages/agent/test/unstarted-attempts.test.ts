import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { HandedOverAttempts } from '../src/common/activity-types';
import type { AttemptHeartbeat } from '../src/common/attempt-history';
import type { AttemptUsage } from '../src/common/types';
import { describeFailure } from '../src/workflow/run-output';
import { attemptsHandedOut, unstartedAttemptsAgain } from '../src/workflow/unstarted-attempts';

const USAGE = { promptTokens: 10, completionTokens: 5, totalTokens: 15 };
const ran = (attempt: number): AttemptUsage => ({ round: 1, attempt, outcome: 'failed', ...USAGE });

/** The model call's attempts ran out; the last one timed out on its heartbeat (its last heartbeat: `last`). */
function lostAfterHeartbeatOf(last: number, failedBefore: number[]): ActivityFailure {
  const heartbeat: AttemptHeartbeat = {
    round: 1,
    failed: failedBefore.map(ran),
    current: { attempt: last, usage: USAGE },
  };
  return ranOut(new TimeoutFailure('activity heartbeat timeout', heartbeat, 'HEARTBEAT'));
}

function ranOut(
  cause: Error,
  retryState: 'MAXIMUM_ATTEMPTS_REACHED' | 'NON_RETRYABLE_FAILURE' = 'MAXIMUM_ATTEMPTS_REACHED',
) {
  return new ActivityFailure('activity failed', 'invokeModelStreaming', '1', retryState, 'worker', cause);
}

function callState(handedOver?: HandedOverAttempts, attemptsBefore = 0) {
  return { handedOver, attemptsBefore };
}

describe('unstartedAttemptsAgain', () => {
  it('makes the call again when attempts 2–6 went to a worker that never started them, with 5 attempts left', () => {
    expect(unstartedAttemptsAgain(callState(), lostAfterHeartbeatOf(1, []))).toEqual({
      count: 6,
      failed: [ran(1)],
      reason: '5 attempts went to a worker that stopped responding before starting them',
      attemptsLeft: 5,
    });
  });

  it('lets the run fail when every attempt ran', () => {
    expect(unstartedAttemptsAgain(callState(), lostAfterHeartbeatOf(6, [1, 2, 3, 4, 5]))).toBeUndefined();
  });

  it('counts on from a call made again: only attempts that ran use up the six', () => {
    const again = unstartedAttemptsAgain(callState(), lostAfterHeartbeatOf(1, []))!;
    // The second call's first attempt (7) ran, its next four did not.
    const next = unstartedAttemptsAgain(callState(again), lostAfterHeartbeatOf(7, [1]));
    expect(next).toMatchObject({ count: 11, failed: [ran(1), ran(7)], attemptsLeft: 4 });
    expect(next?.reason).toBe('4 attempts went to a worker that stopped responding before starting them');
  });

  it('hands out at most 18 attempts in all, however many of them never started', () => {
    const handedOver = { count: 15, failed: [ran(1)], reason: 'earlier', attemptsLeft: 3 };
    expect(unstartedAttemptsAgain(callState(handedOver), lostAfterHeartbeatOf(1, []))).toBeUndefined();
    const fewer = { ...handedOver, count: 14 };
    expect(unstartedAttemptsAgain(callState(fewer), lostAfterHeartbeatOf(1, []))?.attemptsLeft).toBe(1);
  });

  it('counts from the current model only: attempts before a fallback are not this model’s', () => {
    const fellBack = { count: 6, failed: [1, 2, 3, 4, 5, 6].map(ran), reason: 'model "a" failed' };
    expect(
      unstartedAttemptsAgain(callState(fellBack, 6), lostAfterHeartbeatOf(7, [1, 2, 3, 4, 5, 6])),
    ).toEqual(expect.objectContaining({ count: 12, attemptsLeft: 5 }));
  });

  it('makes the call again after a failure of an attempt that ran, when earlier ones never started', () => {
    const failure = ApplicationFailure.create({
      message: 'the model is unavailable',
      type: 'ModelUnavailableError',
      details: [{ attempt: 6, failed: [ran(1), ran(6)] }],
    });
    expect(unstartedAttemptsAgain(callState(), ranOut(failure))).toMatchObject({ count: 6, attemptsLeft: 4 });
  });

  it('lets the run fail when the failure does not say which attempts ran, or the attempts did not run out', () => {
    const unexplained = ApplicationFailure.retryable('lost', 'ModelUnavailableError');
    expect(unstartedAttemptsAgain(callState(), ranOut(unexplained))).toBeUndefined();
    const refused = lostAfterHeartbeatOf(1, []);
    const notRanOut = ranOut(refused.cause as Error, 'NON_RETRYABLE_FAILURE');
    expect(unstartedAttemptsAgain(callState(), notRanOut)).toBeUndefined();
    const scheduleToClose = ranOut(new TimeoutFailure('timed out', undefined, 'SCHEDULE_TO_CLOSE'));
    expect(unstartedAttemptsAgain(callState(), scheduleToClose)).toBeUndefined();
  });

  it('says how many attempts were handed out and how many ran when a call gives up at the 18-attempt bound', () => {
    // Calls made again twice: attempts 1 and 16 ran; 2–15 and 17–18 went to a paused worker's polls.
    const handedOver = { count: 15, failed: [ran(1)], reason: 'earlier', attemptsLeft: 3 };
    const caught = lostAfterHeartbeatOf(16, [1]);
    expect(unstartedAttemptsAgain(callState(handedOver), caught)).toBeUndefined();
    const attempts = attemptsHandedOut(callState(handedOver), caught);
    expect(attempts).toEqual({ ran: 2, handedOut: 18 });
    expect(describeFailure(caught, attempts)).toEqual({
      code: 'ActivityTimeout',
      message:
        'gave up after 18 attempts handed out: 2 ran, 16 went to a worker that stopped responding before starting them — the worker running the model call stopped responding (heartbeat timeout)',
    });
  });

  it('says "gave up after 6 attempts" when six attempts ran, however many were handed out', () => {
    const caught = lostAfterHeartbeatOf(6, [1, 2, 3, 4, 5]);
    expect(attemptsHandedOut(callState(), caught)).toBeUndefined();
    expect(describeFailure(caught, attemptsHandedOut(callState(), caught)).message).toBe(
      'gave up after 6 attempts — the worker running the model call stopped responding (heartbeat timeout)',
    );
    // A call made again whose five attempts all ran: six ran, of eleven handed out.
    const again = { count: 6, failed: [ran(1)], reason: 'earlier', attemptsLeft: 5 };
    const lastRan = lostAfterHeartbeatOf(11, [1, 7, 8, 9, 10]);
    expect(unstartedAttemptsAgain(callState(again), lastRan)).toBeUndefined();
    expect(attemptsHandedOut(callState(again), lastRan)).toBeUndefined();
  });
});
