import { describe, expect, it } from 'vitest';
import { RateLimit } from '../../src/web/rate-limit';

describe('RateLimit', () => {
  it('allows a burst, refuses beyond it, and refills at the given rate', () => {
    const limit = new RateLimit({ perSecond: 10, burst: 3 }, 0);
    expect([limit.take(0), limit.take(0), limit.take(0), limit.take(0)]).toEqual([true, true, true, false]);
    expect(limit.take(50)).toBe(false);
    expect(limit.take(100)).toBe(true);
    expect(limit.take(100)).toBe(false);
    expect([limit.take(10_000), limit.take(10_000), limit.take(10_000), limit.take(10_000)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
