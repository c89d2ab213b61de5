import { AgentError } from '../common/errors';

/** Errors that say something about the request itself; anything else may pass once Temporal answers again. */
const DEFINITIVE: readonly string[] = ['invalid-input', 'invalid-options'];

/**
 * True unless the error is about the request itself: a lost connection, a Temporal restarting, a timeout
 * all pass with time. Following never ends a run on such an error; it waits and tries again.
 */
export function isTransient(error: unknown): boolean {
  return !(error instanceof AgentError && DEFINITIVE.includes(error.code));
}

/** 0.5 s, 1 s, 2 s, then every 5 s: quick when Temporal blinks, gentle during a long outage. */
export function retryDelay(failures: number): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), 5000);
}
