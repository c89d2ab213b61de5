import { MAX_FRAME_BYTES } from '../shared/web-protocol';
import type { RateLimitOptions } from './rate-limit';

/**
 * What one browser may ask of web mode. The app's own page sends a handful of requests at load and an
 * invoke per click; these bounds are far above that and far below what would slow the host down.
 */
export const WEB_LIMITS = {
  /** Open TCP connections at once (pages, assets and sockets of every tab); more are dropped at once. */
  maxConnections: 64,
  /** Open WebSockets at once (one per tab); more are refused with 503. */
  maxSockets: 32,
  /** HTTP requests of one connection (keep-alive): more get 429 and the connection is closed. */
  requests: { perSecond: 50, burst: 100 } satisfies RateLimitOptions,
  /** Request headers (Node's own limit, stated): larger requests get 431. */
  maxHeaderBytes: 16 * 1024,
  /** A request must arrive whole within this (slow-loris). */
  requestTimeoutMs: 30_000,
  /** One WebSocket frame (a long paste is far below): larger ones close the socket with 1009. */
  maxFrameBytes: MAX_FRAME_BYTES,
  /** Frames of one socket (a script driving the app polls too): more close it with 1008. */
  frames: { perSecond: 100, burst: 500 } satisfies RateLimitOptions,
  /** Invokes of one socket awaiting their answers: more are answered `unavailable` at once. */
  maxPendingInvokes: 64,
  /** Bytes queued to a socket that does not read (a stalled tab): more and it is dropped. */
  maxBufferedBytes: 16 * 1024 * 1024,
} as const;

/** WebSocket close codes web mode uses (RFC 6455 §7.4.1). */
export const CLOSE_CODES = {
  /** Not JSON text, or not an invoke frame. */
  unsupportedData: 1003,
  /** Too many frames a second. */
  policyViolation: 1008,
  /** Over `maxFrameBytes` (sent by `ws` itself). */
  messageTooBig: 1009,
} as const;
