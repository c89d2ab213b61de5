import type { AttachmentReference } from '../common/attachment-reference';
import type { ConversationMessage, Usage } from '../common/types';

/** An attachment's content as the model gets it: text (a text file's, or a PDF's), or an image's bytes. */
export type AttachmentContent = AttachmentReference &
  (
    | { readonly kind: 'text'; readonly text: string; readonly truncated: boolean }
    | { readonly kind: 'image'; readonly base64: string }
  );

/** A message of a model call: a conversation message whose attachments are read into their content. */
export type ModelMessage =
  | Exclude<ConversationMessage, { role: 'user' }>
  | { readonly role: 'user'; readonly content: string; readonly attachments?: readonly AttachmentContent[] };

/** A tool as the model sees it: a name, a description and JSON Schema parameters. */
export interface ToolSpecification {
  readonly name: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
}

/** Structured output: the answer must be JSON matching `schema` (OpenAI's `response_format: json_schema`). */
export interface ResponseFormat {
  readonly name: string;
  readonly schema: Record<string, unknown>;
}

/** One model call: the messages, the tools offered, and the signal that aborts it. */
export interface ModelRequest {
  readonly instructions?: string;
  readonly responseFormat?: ResponseFormat;
  readonly messages: readonly ModelMessage[];
  readonly tools: readonly ToolSpecification[];
  readonly signal: AbortSignal;
}

/** What a streaming model call yields, in order. */
export type ModelChunk =
  | { readonly type: 'text-delta'; readonly delta: string }
  | { readonly type: 'tool-call-start'; readonly index: number; readonly id: string; readonly name: string }
  | { readonly type: 'tool-call-delta'; readonly index: number; readonly argumentsDelta: string }
  | { readonly type: 'usage'; readonly usage: Usage };

/**
 * A chat model the worker can call. Errors it throws should be `ModelError`s so the activity can tell
 * what a retry can fix (rate limits, outages) from what it cannot (a bad key, a bad request).
 * The stream ending normally means the answer is complete: a stream the model cut short must throw
 * (`ModelError('incomplete', …)`), never just end, or the partial answer is stored as the answer.
 */
export interface ModelProvider {
  /** The model's name, as runs may ask for it. */
  readonly name: string;
  /** Streams one model call's chunks (text, tool calls, usage, the finish); throws `ModelError` saying whether to retry. */
  stream(request: ModelRequest): AsyncIterable<ModelChunk>;
  /**
   * The same endpoint under another model name, for runs that ask for a model by name (`model`, `models`);
   * absent when the provider serves only its own model.
   */
  withModel?(name: string): ModelProvider;
}

/**
 * What went wrong with a model call. Retryable: `rate-limited`, `unavailable`, `connection`, `incomplete`
 * (the stream ended before the answer did), `malformed` (the response could not be read).
 * Not retryable: `authentication`, `bad-request`, `model-not-found`, `context-length-exceeded` (the prompt is
 * longer than the model's context: the run compacts older turns and calls again).
 */
export type ModelErrorKind =
  | 'authentication'
  | 'bad-request'
  | 'context-length-exceeded'
  | 'model-not-found'
  | 'unavailable'
  | 'rate-limited'
  | 'connection'
  | 'incomplete'
  | 'malformed';

/** A failed model call, classified. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  readonly status: number | undefined;
  /** How long the model asked us to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: ModelErrorKind,
    message: string,
    options?: { status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.kind = kind;
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
  }

  get retryable(): boolean {
    return this.kind !== 'authentication' && this.kind !== 'bad-request' && this.kind !== 'model-not-found';
  }
}
