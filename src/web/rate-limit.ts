/** How much one connection may ask for: `burst` at once, refilled at `perSecond`. */
export interface RateLimitOptions {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * A token bucket for one connection: each request takes a token; an empty bucket means the connection asks
 * faster than any person (or the app's own page) would, and is refused. Time is passed in, so it is testable.
 */
export class RateLimit {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly options: RateLimitOptions,
    now = Date.now(),
  ) {
    this.tokens = options.burst;
    this.updatedAt = now;
  }

  /** Takes one token; false when the bucket is empty (the request is over the limit). */
  take(now = Date.now()): boolean {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.options.burst, this.tokens + elapsedSeconds * this.options.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
