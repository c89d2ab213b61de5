import OpenAI from 'openai';
import { ModelError, type ModelErrorKind } from './model-provider';

/** Error `type`s and `code`s of an error object inside a stream that no retry can fix. */
const REFUSED = new Set([
  'invalid_request_error',
  'context_length_exceeded',
  'invalid_prompt',
  'content_filter',
  'not_found_error',
]);
const UNAUTHORIZED = new Set(['authentication_error', 'permission_error', 'invalid_api_key']);

/** Turns what the openai client throws into a `ModelError` that says what happened and whether to retry. */
export function classifyOpenAIError(error: unknown, baseURL: string): Error {
  if (error instanceof OpenAI.APIUserAbortError) return error;
  if (error instanceof OpenAI.APIConnectionError) {
    return new ModelError('connection', `could not reach the model at ${baseURL}: ${rootMessage(error)}`, {
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError && error.status === undefined) return inStreamError(error);
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const detail = error.message.startsWith(`${status} `)
      ? error.message.slice(`${status} `.length)
      : error.message;
    const retryAfterMs = readRetryAfter(error.headers);
    const wait = retryAfterMs === undefined ? '' : ` (it asked to retry after ${formatWait(retryAfterMs)})`;
    const options = { status, retryAfterMs, cause: error };
    const notFound = status === 404 && (error.code === 'model_not_found' || /\bmodel\b/i.test(detail));
    const tooLong = status === 400 && error.code === 'context_length_exceeded';
    return new ModelError(
      notFound ? 'model-not-found' : tooLong ? 'context-length-exceeded' : kindOfStatus(status),
      `the model answered HTTP ${status}: ${detail}${wait}`,
      options,
    );
  }
  if (error instanceof SyntaxError) {
    return new ModelError('malformed', `the model sent a stream that could not be read: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof Error && /terminated|socket|ECONNRESET|network/i.test(error.message)) {
    return new ModelError('connection', `model stream broke off: ${error.message}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function kindOfStatus(status: number): ModelErrorKind {
  if (status === 401 || status === 403) return 'authentication';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500 && status !== 408 && status !== 409) return 'bad-request';
  return 'unavailable';
}

/** An error object the model sent inside its stream (`data: {"error": …}`), retried unless its kind says no. */
function inStreamError(error: InstanceType<typeof OpenAI.APIError>): ModelError {
  const labels = [error.type, error.code].filter((label): label is string => typeof label === 'string');
  const kind: ModelErrorKind = labels.some((label) => UNAUTHORIZED.has(label))
    ? 'authentication'
    : labels.includes('model_not_found')
      ? 'model-not-found'
      : labels.includes('context_length_exceeded')
        ? 'context-length-exceeded'
        : labels.some((label) => REFUSED.has(label))
          ? 'bad-request'
          : labels.some((label) => label.startsWith('rate_limit'))
            ? 'rate-limited'
            : 'unavailable';
  const suffix = labels.length > 0 ? ` (${labels.join(', ')})` : '';
  return new ModelError(kind, `the model sent an error inside its stream: ${error.message}${suffix}`, {
    cause: error,
  });
}

/** `retry-after-ms` (OpenAI's) or `Retry-After` in seconds or as an HTTP date, in milliseconds. */
export function readRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function formatWait(milliseconds: number): string {
  return milliseconds < 1000 ? `${milliseconds} ms` : `${Math.round(milliseconds / 100) / 10} s`;
}

/** The innermost cause's message, e.g. `connect ECONNREFUSED 127.0.0.1:9` under "Connection error.". */
function rootMessage(error: Error): string {
  let current: unknown = error;
  const messages: string[] = [];
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    messages.push(current.message);
    current = current.cause;
  }
  const root = messages.at(-1) ?? error.message;
  return root === error.message ? root : `${root} (${error.message.replace(/\.$/, '')})`;
}
