import { describe, expect, it } from 'vitest';
import { RateLimited, createMemoryRateLimiter, enforceRate } from './rate-limiter.js';

describe('createMemoryRateLimiter', () => {
  it('allows a burst up to the limit, then refuses with the seconds until a hit returns', () => {
    let now = 0;
    const limiter = createMemoryRateLimiter(() => now);
    const rule = { limit: 3, windowMs: 6000 }; // a hit returns every 2 s
    expect([1, 2, 3].map(() => limiter.hitNow('k', rule).allowed)).toEqual([true, true, true]);
    expect(limiter.hitNow('k', rule)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now = 2000;
    expect(limiter.hitNow('k', rule).allowed).toBe(true);
    expect(limiter.hitNow('k', rule).allowed).toBe(false);
    now = 2000 + 6000;
    expect([1, 2, 3, 4].map(() => limiter.hitNow('k', rule).allowed)).toEqual([true, true, true, false]);
  });

  it('counts each key apart', () => {
    const limiter = createMemoryRateLimiter(() => 0);
    const rule = { limit: 1, windowMs: 60_000 };
    expect(limiter.hitNow('a', rule).allowed).toBe(true);
    expect(limiter.hitNow('a', rule)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.hitNow('b', rule).allowed).toBe(true);
  });

  it('holds at most maxKeys keys, forgetting the least recently used', () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 100, now: () => 0 });
    const rule = { limit: 1, windowMs: 1000 };
    limiter.hitNow('kept', rule);
    for (let i = 0; i < 10_000; i++) {
      limiter.hitNow(`flood-${i}`, rule);
      if (i % 50 === 0) limiter.hitNow('kept', rule);
    }
    expect(limiter.size).toBe(100);
    expect(limiter.hitNow('kept', rule).allowed).toBe(false); // still remembered: its bucket is empty
  });

  it('throws RateLimited from enforceRate when refused', async () => {
    const limiter = createMemoryRateLimiter(() => 0);
    const rule = { limit: 1, windowMs: 1000 };
    await enforceRate(limiter, 'k', rule);
    await expect(enforceRate(limiter, 'k', rule)).rejects.toThrow(RateLimited);
  });
});
