import { ApiError } from '../../shared/api-error';
import type { TemporalStatus } from '../../shared/models';
import { isTemporalDown, TEMPORAL_UNREACHABLE_MESSAGE } from '../../shared/temporal-availability';

/**
 * Wraps a handler that needs Temporal (send, regenerate, stop, approve): while Temporal is down it answers
 * `unavailable` at once, instead of a `conflict` from a run that cannot move or a call that never returns.
 */
export function whileTemporalUp<Request, Result>(
  status: () => TemporalStatus,
  handler: (request: Request) => Promise<Result>,
): (request: Request) => Promise<Result> {
  return async (request) => {
    if (isTemporalDown(status())) throw new ApiError('unavailable', TEMPORAL_UNREACHABLE_MESSAGE);
    return handler(request);
  };
}
