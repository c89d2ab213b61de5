import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../common/names';

/**
 * Longest answer, in characters, one model call may write when its run holds every text once (by its
 * events, see `textByReference`). Temporal warns past a 10 MB history and fails one past 50 MB.
 */
export const MAX_ANSWER_CHARACTERS = 8_000_000;

/**
 * Longest answer of a run started before texts were held by reference: its result holds its answer more
 * than once, and Temporal takes no message over 4 MB (a 1.5 MB answer left its run retrying forever).
 */
export const MAX_COPIED_ANSWER_CHARACTERS = 1_000_000;

/** Texts longer than this are returned by reference (`textInEvents`): the run's events hold them. */
export const TEXT_BY_REFERENCE_CHARACTERS = 100_000;

/** Throws a failure no retry can fix once `text` is longer than the run can keep. */
export function checkAnswerSize(text: string, byReference: boolean): void {
  const limit = byReference ? MAX_ANSWER_CHARACTERS : MAX_COPIED_ANSWER_CHARACTERS;
  if (text.length <= limit) return;
  const why = byReference
    ? 'Temporal warns past a 10 MB history and fails one past 50 MB'
    : "Temporal takes no message over 4 MB, and a run's result holds its answer more than once";
  throw ApplicationFailure.nonRetryable(
    `the model's answer passed ${limit.toLocaleString('en-US')} characters, more than a run can keep (${why}): the model call was stopped — ask for a shorter answer`,
    FailureType.answerTooLarge,
  );
}
