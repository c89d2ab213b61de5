/** Stable machine-readable codes for every error the library raises on purpose. */
export type AgentErrorCode =
  | 'invalid-options'
  | 'invalid-input'
  | 'temporal-unreachable'
  | 'temporal-overloaded'
  | 'history-too-large'
  | 'temporal-unauthenticated'
  | 'temporal-permission-denied'
  | 'temporal-tls-failed'
  | 'namespace-not-found'
  | 'no-worker'
  | 'deadline-exceeded'
  | 'run-not-found'
  | 'run-ended'
  | 'run-failed'
  | 'temporal-cli-not-found'
  | 'dev-server-failed'
  | 'dev-server-database'
  | 'dev-server-timeout'
  | 'port-in-use'
  | 'model-error'
  | 'following-stopped'
  | 'attachment-not-found';

/**
 * An error raised on purpose: a stable machine-readable `code` from its own list, a sentence for people, and
 * the `cause` when there is one. Subclasses name themselves (`override readonly name`).
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Base class of the library's errors. */
export class AgentError extends CodedError<AgentErrorCode> {
  override readonly name: string = 'AgentError';
}

/** Marks a branch that a discriminated union makes unreachable. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
