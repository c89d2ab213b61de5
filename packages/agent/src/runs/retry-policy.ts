import { AgentError } from '../common/errors';

/** Errors that say something about the request itself; anything else may pass once Temporal answers again. */
const DEFINITIVE: readonly string[] = ['invalid-input', 'invalid-options'];

/**
 * gRPC statuses by which Temporal answered and said no (bad request, no such namespace, not allowed):
 * asking again does not help. Anything else (unavailable, deadline exceeded, internal…) may pass.
 */
const REFUSALS: ReadonlySet<number> = new Set([
  3, // INVALID_ARGUMENT
  5, // NOT_FOUND
  6, // ALREADY_EXISTS
  7, // PERMISSION_DENIED
  9, // FAILED_PRECONDITION
  12, // UNIMPLEMENTED
  16, // UNAUTHENTICATED
]);

/**
 * True unless the error is about the request itself: a lost connection, a Temporal restarting, a timeout
 * all pass with time. Following never ends a run on such an error; it waits and tries again.
 */
export function isTransient(error: unknown): boolean {
  return !(error instanceof AgentError && DEFINITIVE.includes(error.code));
}

/** True when Temporal answered the request and refused it (see `REFUSALS`), or the library did. */
export function isRefusal(error: unknown): boolean {
  if (!isTransient(error)) return true;
  const status = grpcStatusOf(error);
  return status !== undefined && REFUSALS.has(status);
}

/** The gRPC status code of a Temporal client error (on the error or one of its causes). */
export function grpcStatusOf(error: unknown): number | undefined {
  for (let each = error, depth = 0; each instanceof Error && depth < 4; depth++) {
    const code = (each as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    each = each.cause;
  }
  return undefined;
}

/** 0.5 s, 1 s, 2 s, then every 5 s: quick when Temporal blinks, gentle during a long outage. */
export function retryDelay(failures: number): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), 5000);
}
