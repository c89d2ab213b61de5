import type { ServerResponse } from 'node:http';
import { assertNever } from '../../common/errors';
import { sendJson } from '../../common/send-json';
import type { StatusFault } from './demo-model-types';

/** The `error` object of an OpenAI error response. */
export interface OpenAiError {
  readonly message: string;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
}

/** An error response: status, body fields and any extra headers. */
export interface ErrorResponse {
  readonly status: number;
  readonly error: OpenAiError;
  readonly headers?: Readonly<Record<string, string>>;
}

export function invalidRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): ErrorResponse {
  return { status: 400, error: { message, type: 'invalid_request_error', param, code } };
}

export function notFound(method: string, path: string): ErrorResponse {
  return {
    status: 404,
    error: {
      message: `Unknown request URL: ${method} ${path}.`,
      type: 'invalid_request_error',
      param: null,
      code: 'unknown_url',
    },
  };
}

/** OpenAI's answer for a model it does not have (HTTP 404 `model_not_found`). */
export function modelNotFound(model: string): ErrorResponse {
  return {
    status: 404,
    error: {
      message: `The model '${model}' does not exist or you do not have access to it.`,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    },
  };
}

/** OpenAI's refusal of a prompt longer than the model's context. */
export function contextLengthExceeded(contextWindow: number, promptTokens: number): ErrorResponse {
  return invalidRequest(
    `This model's maximum context length is ${contextWindow} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
    'messages',
    'context_length_exceeded',
  );
}

/** The `{ error }` event an OpenAI stream carries when the request fails after streaming began. */
export function streamErrorBody(type: 'server_error' | 'invalid_request_error'): { error: OpenAiError } {
  return type === 'server_error'
    ? {
        error: {
          message: 'The server had an error while processing your request (demo model fault, in the stream).',
          type,
          param: null,
          code: null,
        },
      }
    : {
        error: {
          message: 'Invalid prompt: the request was refused mid-stream (demo model fault).',
          type,
          param: null,
          code: 'invalid_prompt',
        },
      };
}

/** The response an injected `status` fault plays, shaped like the real API's; `retryAfter` in seconds. */
export function injectedError(status: StatusFault['status'], retryAfter?: number): ErrorResponse {
  const response = injectedErrorBody(status);
  return retryAfter === undefined
    ? response
    : { ...response, headers: { 'retry-after': String(retryAfter) } };
}

function injectedErrorBody(status: StatusFault['status']): ErrorResponse {
  switch (status) {
    case 400:
      return invalidRequest('Injected bad request (demo model fault).');
    case 401:
      return {
        status,
        error: {
          message: 'Incorrect API key provided',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      };
    case 429:
      return {
        status,
        error: {
          message: 'Rate limit reached (demo model fault).',
          type: 'rate_limit_exceeded',
          param: null,
          code: 'rate_limit_exceeded',
        },
        headers: { 'retry-after-ms': '100' },
      };
    case 500:
      return {
        status,
        error: {
          message: 'The server had an error while processing your request (demo model fault).',
          type: 'server_error',
          param: null,
          code: null,
        },
      };
    default:
      return assertNever(status);
  }
}

export function sendError(response: ServerResponse, { status, error, headers }: ErrorResponse): void {
  sendJson(response, status, { error }, headers);
}
