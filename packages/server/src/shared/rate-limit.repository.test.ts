import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../platform/db/open-database.js';
import { openDatabase } from '../platform/db/open-database.js';
import { describeEachDialect } from '../../test/dialects.js';
import { createDatabaseRateLimiter, longestRateWindowMs } from './rate-limit.repository.js';
import { createMemoryRateLimiter } from './rate-limiter.js';
import type { RateRule } from './rate-limiter.js';

describeEachDialect('createDatabaseRateLimiter', ({ database, config, dialect }) => {
  let clock = 1_000_000;
  const now = () => clock;

  it('is the same token bucket as the memory limiter, hit for hit', async () => {
    const rule: RateRule = { limit: 3, windowMs: 3000 };
    const shared = createDatabaseRateLimiter(database().db, { now });
    const memory = createMemoryRateLimiter({ now });
    const steps = [0, 0, 0, 0, 0, 999, 1, 0, 0, 2500, 0, 0, 0, 0, 10_000, 0, 0, 0, 0];
    for (const [i, step] of steps.entries()) {
      clock += step;
      expect(await shared.hit('same-as-memory', rule), `hit ${i}`).toEqual(
        memory.hitNow('same-as-memory', rule),
      );
    }
  });

  it('keeps keys apart and answers Retry-After in whole seconds', async () => {
    const limiter = createDatabaseRateLimiter(database().db, { now });
    const rule: RateRule = { limit: 1, windowMs: 60_000 };
    expect(await limiter.hit('a', rule)).toEqual({ allowed: true });
    expect(await limiter.hit('a', rule)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await limiter.hit('b', rule)).toEqual({ allowed: true });
    clock += 30_500;
    expect(await limiter.hit('a', rule)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('never refills backwards when a process clock lags behind another', async () => {
    const rule: RateRule = { limit: 2, windowMs: 2000 };
    const ahead = createDatabaseRateLimiter(database().db, { now: () => clock + 5_000 });
    const behind = createDatabaseRateLimiter(database().db, { now });
    expect((await ahead.hit('skew', rule)).allowed).toBe(true);
    expect((await behind.hit('skew', rule)).allowed).toBe(true);
    expect(await behind.hit('skew', rule)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('forgets buckets idle past the longest window when it sweeps', async () => {
    const limiter = createDatabaseRateLimiter(database().db, { now, sweepEvery: 2 });
    const rule: RateRule = { limit: 5, windowMs: 1000 };
    await limiter.hit('old', rule);
    clock += longestRateWindowMs + 1;
    await limiter.hit('new', rule); // the second hit sweeps
    const keys = await database().db.selectFrom('rateLimitBuckets').select('key').execute();
    expect(keys.map((row) => row.key)).not.toContain('old');
    expect(keys.map((row) => row.key)).toContain('new');
  });

  describe2Processes();

  function describe2Processes(): void {
    // Two handles on one database stand for two server processes (on SQLite: two connections).
    let second: DatabaseHandle | undefined;
    beforeAll(() => {
      second = openDatabase(config());
    });
    afterAll(async () => {
      await second?.close();
    });

    it(`lets two processes together allow a key exactly its limit (${dialect})`, async () => {
      const rule: RateRule = { limit: 7, windowMs: 3_600_000 };
      const one = createDatabaseRateLimiter(database().db, { now });
      const two = createDatabaseRateLimiter(second!.db, { now });
      const decisions = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two).hit('login:shared', rule)),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(7);
    });
  }
});
