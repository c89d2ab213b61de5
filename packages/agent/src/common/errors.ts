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
  | 'run-failed'
  | 'temporal-cli-not-found'
  | 'dev-server-failed'
  | 'dev-server-database'
  | 'dev-server-timeout'
  | 'port-in-use'
  | 'model-error'
  | 'following-stopped'
  | 'attachment-not-found';

/** Base class of the library's errors: a `name`, a stable `code`, and the `cause` when there is one. */
export class AgentError extends Error {
  override readonly name: string = 'AgentError';
  readonly code: AgentErrorCode;

  constructor(code: AgentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Marks a branch that a discriminated union makes unreachable. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
