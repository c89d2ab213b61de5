import type { ConversationMessage, Usage } from '../common/types';

/** A tool as the model sees it: a name, a description and JSON Schema parameters. */
export interface ToolSpecification {
  readonly name: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
}

export interface ModelRequest {
  readonly instructions?: string;
  readonly messages: readonly ConversationMessage[];
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
 */
export interface ModelProvider {
  /** The model's name, as runs may ask for it. */
  readonly name: string;
  stream(request: ModelRequest): AsyncIterable<ModelChunk>;
}

export type ModelErrorKind = 'authentication' | 'bad-request' | 'unavailable' | 'rate-limited' | 'connection';

/** A failed model call, classified. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  readonly status: number | undefined;

  constructor(kind: ModelErrorKind, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.kind = kind;
    this.status = options?.status;
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'unavailable' || this.kind === 'connection';
  }
}
