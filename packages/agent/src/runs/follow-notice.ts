import { AgentError } from '../common/errors';
import type { FollowState } from './follow-options';

/** Why following is not live, in words for the reader of a run (`since`: when Temporal became unreachable). */
export interface FollowNotice {
  readonly kind: 'reconnecting' | 'other-temporal' | 'worker-lost';
  readonly message: string;
  readonly since?: string;
}

const UNREACHABLE = 'Temporal unreachable — reconnecting';

/** What to show of following's state: nothing while it is live (or over), else why the run is not moving. */
export function followNoticeOf(state: FollowState): FollowNotice | undefined {
  switch (state.kind) {
    case 'reconnecting':
      return { kind: state.kind, message: UNREACHABLE, since: state.since };
    case 'other-temporal':
    case 'worker-lost':
      return { kind: state.kind, message: state.message };
    default:
      return undefined;
  }
}

/** An action on a run while Temporal cannot be reached: said in words, never a stack trace. */
export function unreachable(cause?: unknown): AgentError {
  return new AgentError('temporal-unreachable', UNREACHABLE, { cause });
}

/** Waiting for another Temporal: retried like an outage, without claiming Temporal is down. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

/**
 * For `followed.done.catch(undefinedWhenStopped)`: undefined when following was stopped before the run
 * ended (the run goes on); any other error is thrown again.
 */
export function undefinedWhenStopped(error: unknown): undefined {
  if (error instanceof AgentError && error.code === 'following-stopped') return undefined;
  throw error;
}

export function followingStopped(id: string): AgentError {
  return new AgentError('following-stopped', `stopped following run ${id} before it ended; the run goes on`);
}
