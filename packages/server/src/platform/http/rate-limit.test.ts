import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { asCaller, installTestCaller } from '../../../test/test-caller.js';
import { createTokenBucketLimiter } from './rate-limit.js';

describe('createTokenBucketLimiter', () => {
  it('allows a burst up to the capacity, then refuses with the seconds until a token returns', () => {
    let now = 0;
    const limiter = createTokenBucketLimiter({ capacity: 3, refillPerSecond: 0.5, now: () => now });
    expect([1, 2, 3].map(() => limiter.consume('k').allowed)).toEqual([true, true, true]);
    expect(limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 2, remaining: 0 });
    now = 2000;
    expect(limiter.consume('k').allowed).toBe(true);
    expect(limiter.consume('k').allowed).toBe(false);
  });

  it('counts each key apart and charges the cost', () => {
    const limiter = createTokenBucketLimiter({ capacity: 10, refillPerSecond: 1, now: () => 0 });
    expect(limiter.consume('a', 10).allowed).toBe(true);
    expect(limiter.consume('a', 1).allowed).toBe(false);
    expect(limiter.consume('b', 1)).toMatchObject({ allowed: true, remaining: 9 });
    expect(limiter.consume('c', 11)).toMatchObject({ allowed: false, remaining: 10 });
  });

  it('holds at most maxKeys keys, forgetting the least recently used', () => {
    const limiter = createTokenBucketLimiter({ capacity: 1, refillPerSecond: 1, maxKeys: 100, now: () => 0 });
    limiter.consume('kept');
    for (let i = 0; i < 10_000; i++) {
      limiter.consume(`flood-${i}`);
      if (i % 50 === 0) limiter.consume('kept');
    }
    expect(limiter.size).toBe(100);
    expect(limiter.consume('kept').allowed).toBe(false); // still remembered: its bucket is empty
  });
});

function addPostingRoute(app: FastifyInstance): void {
  installTestCaller(app);
  app.post('/api/v1/limited', { config: { rateLimit: 'posting' } }, async () => ({ ok: true }));
}

describeEachDialect('route-level rate limits', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), addPostingRoute));
  });
  afterAll(() => app.close());
  const post = (who: Record<string, string>, key?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/limited',
      headers: { ...who, ...(key ? { 'idempotency-key': key } : {}) },
    });

  it('answers 429 problem+json with Retry-After past 120 posts a minute, per person and workspace', async () => {
    const ana = asCaller('w1', 'ana');
    for (let i = 0; i < 120; i++) expect((await post(ana)).statusCode).toBe(200);
    const refused = await post(ana, 'after-limit');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await post(asCaller('w2', 'ana'))).statusCode).toBe(200);
    expect((await post(asCaller('w1', 'bo'))).statusCode).toBe(200);
  });
});
