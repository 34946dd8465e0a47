import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { asCaller, installTestCaller } from '../../../test/test-caller.js';

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
