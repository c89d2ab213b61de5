import { ApplicationFailure } from '@temporalio/common';
import { messageOf } from '../common/error-message';
import { assertNever } from '../common/errors';
import { FailureType } from '../common/names';
import type { AttemptUsage } from '../common/types';
import { ModelError } from '../llm/model-provider';

/** What a failed model call hands to the workflow: its attempt number and the round's failed attempts. */
export interface ModelFailureDetails {
  readonly attempt: number;
  readonly failed: readonly AttemptUsage[];
}

/** The failure with the round's attempts as details, so a fallback model's attempts count on from them. */
export function withAttempts(failure: ApplicationFailure, details: ModelFailureDetails): ApplicationFailure {
  return ApplicationFailure.create({
    message: failure.message,
    type: failure.type ?? undefined,
    nonRetryable: failure.nonRetryable ?? undefined,
    nextRetryDelay: failure.nextRetryDelay ?? undefined,
    details: [details],
    cause: failure.cause,
  });
}

export function toFailure(error: unknown, cancellation: string | undefined): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  if (cancellation === 'WORKER_SHUTDOWN') {
    return ApplicationFailure.create({
      message: 'the worker shut down during the model call',
      type: FailureType.workerShutdown,
      // Nothing is wrong with the call: another worker takes it over at once, without the retry backoff.
      nextRetryDelay: WORKER_HANDOVER_DELAY,
    });
  }
  if (cancellation !== undefined) {
    return ApplicationFailure.retryable(
      `the model call was abandoned (${cancellation})`,
      FailureType.modelUnavailable,
    );
  }
  if (error instanceof ModelError) return modelFailure(error);
  const message = messageOf(error);
  return ApplicationFailure.retryable(`the model call failed: ${message}`, FailureType.modelUnavailable);
}

/** The retry delay of a model call whose worker shut down gracefully (the smallest Temporal takes). */
const WORKER_HANDOVER_DELAY = '1 millisecond';

/** The longest wait a model's `Retry-After` gets: longer ones would outlast an interactive run anyway. */
const MAX_RETRY_AFTER_MS = 60_000;

function modelFailure(error: ModelError): ApplicationFailure {
  const { message } = error;
  switch (error.kind) {
    case 'authentication':
      return ApplicationFailure.nonRetryable(message, FailureType.modelAuthentication);
    case 'bad-request':
      return ApplicationFailure.nonRetryable(message, FailureType.modelBadRequest);
    case 'model-not-found':
      return ApplicationFailure.nonRetryable(message, FailureType.modelNotFound);
    case 'context-length-exceeded':
      return ApplicationFailure.nonRetryable(message, FailureType.modelContextLengthExceeded);
    case 'incomplete':
    case 'malformed':
      return ApplicationFailure.retryable(message, FailureType.modelBadResponse);
    case 'rate-limited':
    case 'unavailable':
    case 'connection':
      return ApplicationFailure.create({
        message,
        type: error.kind === 'rate-limited' ? FailureType.modelRateLimited : FailureType.modelUnavailable,
        // The model said when to come back: that attempt waits so long instead of the usual backoff.
        nextRetryDelay:
          error.retryAfterMs === undefined ? undefined : Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS),
      });
    default:
      return assertNever(error.kind);
  }
}

export function describeForRetry(failure: ApplicationFailure, cancellation: string | undefined): string {
  if (cancellation === 'WORKER_SHUTDOWN') return 'the worker shut down';
  return failure.message;
}
