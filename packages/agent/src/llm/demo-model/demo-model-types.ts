/** Options of {@link startDemoModel}. */
export interface DemoModelOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  readonly port?: number;
  /** Host to bind; default '127.0.0.1'. The control endpoint answers only on loopback. */
  readonly host?: string;
  /** Streaming speed in tokens per second; default 30; 0 streams without delay. */
  readonly pace?: number;
  /** Model id reported by `/v1/models` and in completions; default 'demo'. */
  readonly model?: string;
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

/** A failure the demo model plays on upcoming chat requests. */
export type DemoModelFault = StatusFault | DisconnectFault | StallFault;

/** A running demo model server. */
export interface DemoModel {
  /** OpenAI base URL, e.g. 'http://127.0.0.1:43211/v1'. */
  readonly baseURL: string;
  readonly port: number;
  /** Chat completion requests received so far. */
  readonly requestCount: number;
  injectFault(fault: DemoModelFault): void;
  setPace(tokensPerSecond: number): void;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}
