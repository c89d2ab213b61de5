import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../common/names';

/**
 * Longest answer, in characters, one model call may write. A run's result holds its answer more than
 * once, and Temporal takes no message over 4 MB: a 1.5 MB answer left its run retrying forever ("larger
 * than max 4194304"), its text thrown away. Past this, the call is stopped and the run fails, saying why.
 */
export const MAX_ANSWER_CHARACTERS = 1_000_000;

/** Throws a failure no retry can fix once `text` is longer than `MAX_ANSWER_CHARACTERS`. */
export function checkAnswerSize(text: string): void {
  if (text.length <= MAX_ANSWER_CHARACTERS) return;
  throw ApplicationFailure.nonRetryable(
    `the model's answer passed ${MAX_ANSWER_CHARACTERS.toLocaleString('en-US')} characters, more than a run can keep (Temporal takes no message over 4 MB, and a run's result holds its answer more than once): the model call was stopped — ask for a shorter answer`,
    FailureType.answerTooLarge,
  );
}
