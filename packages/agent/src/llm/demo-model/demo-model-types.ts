/** The second model the demo model lists by default (it answers like 'demo'). */
export const DEMO_MINI_MODEL = 'demo-mini';

/** Options of {@link startDemoModel}. */
export interface DemoModelOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  readonly port?: number;
  /** Host to bind; default '127.0.0.1'. The control endpoint answers only on loopback. */
  readonly host?: string;
  /** Streaming speed in tokens per second; default 30; 0 streams without delay. */
  readonly pace?: number;
  /** Model id reported first by `/v1/models` and in completions; default 'demo'. */
  readonly model?: string;
  /**
   * The other models it lists and answers to (the same script); default `['demo-mini']`. A request for a
   * model not listed gets HTTP 404 `model_not_found`, as OpenAI answers.
   */
  readonly moreModels?: readonly string[];
  /**
   * The model's context length in demo tokens; a request whose messages exceed it is refused with HTTP 400
   * `context_length_exceeded`, as OpenAI does. Default: no limit.
   */
  readonly contextWindow?: number;
}

/** Which chat requests a fault applies to: the next `times` (default 1) whose last user message contains `match`. */
interface FaultTarget {
  readonly times?: number;
  readonly match?: string;
}

/** Answer with an HTTP error status and an OpenAI-style error body. */
export interface StatusFault extends FaultTarget {
  readonly kind: 'status';
  readonly status: 400 | 401 | 429 | 500;
  /** Send `Retry-After: <seconds>` (by default a 429 sends `retry-after-ms: 100`). */
  readonly retryAfter?: number;
}

/** Destroy the socket after `afterTokens` streamed tokens. */
export interface DisconnectFault extends FaultTarget {
  readonly kind: 'disconnect';
  readonly afterTokens: number;
}

/** Stop sending after `afterTokens` tokens, for `stallMs` or (by default) until the client goes away. */
export interface StallFault extends FaultTarget {
  readonly kind: 'stall';
  readonly afterTokens: number;
  readonly stallMs?: number;
}

/** End the response cleanly after `afterTokens` tokens: no finish reason, no `[DONE]`. */
export interface CleanCloseFault extends FaultTarget {
  readonly kind: 'clean-close';
  readonly afterTokens: number;
}

/**
 * Send an error object inside the stream after `afterTokens` tokens, then end it, as OpenAI does when a
 * request fails after streaming began. `server_error` (default) is worth a retry; `invalid_request_error` is not.
 */
export interface StreamErrorFault extends FaultTarget {
  readonly kind: 'stream-error';
  readonly afterTokens: number;
  readonly errorType?: 'server_error' | 'invalid_request_error';
}

/** Send an event whose data is not JSON after `afterTokens` tokens, then end the stream. */
export interface MalformedFault extends FaultTarget {
  readonly kind: 'malformed';
  readonly afterTokens: number;
}

/** A fault that strikes a stream once `afterTokens` tokens are out. */
export type StreamFault = DisconnectFault | StallFault | CleanCloseFault | StreamErrorFault | MalformedFault;

/** A failure the demo model plays on upcoming chat requests. */
export type DemoModelFault = StatusFault | StreamFault;

/** A running demo model server. */
export interface DemoModel {
  /** OpenAI base URL, e.g. 'http://127.0.0.1:43211/v1'. */
  readonly baseURL: string;
  readonly port: number;
  /** Chat completion requests received so far. */
  readonly requestCount: number;
  /** Makes the next requests fail the given way (HTTP errors, a cut stream, malformed SSE, a stall), for tests and demos. */
  injectFault(fault: DemoModelFault): void;
  /** Changes how many tokens a second the replies stream at. */
  setPace(tokensPerSecond: number): void;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}
