import { CodedError, messageOf } from 'durable-agent/run-view';

/** Errors a handler returns on purpose: a stable `code` the UI can act on, and a sentence for people. */
export type ApiErrorCode =
  | 'invalid-request'
  | 'unknown-channel'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'unauthorized'
  | 'internal';

/** The serialized form, as it crosses IPC or the WebSocket. */
export interface ApiErrorPayload {
  readonly code: ApiErrorCode;
  readonly message: string;
}

export class ApiError extends CodedError<ApiErrorCode> {
  override readonly name = 'ApiError';

  toPayload(): ApiErrorPayload {
    return { code: this.code, message: this.message };
  }

  /** Any thrown value as a payload; unexpected errors keep their message but get code `internal`. */
  static payloadOf(error: unknown): ApiErrorPayload {
    if (error instanceof ApiError) return error.toPayload();
    return { code: 'internal', message: messageOf(error) };
  }

  static fromPayload(payload: ApiErrorPayload): ApiError {
    return new ApiError(payload.code, payload.message);
  }
}
