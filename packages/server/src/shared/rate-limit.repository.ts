import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './database.js';
import { secondsUntilToken } from './rate-limiter.js';
import type { RateDecision, RateLimiter, RateRule } from './rate-limiter.js';

/** Buckets idle this long are full again under every rule the server has, so they can be forgotten. */
export const longestRateWindowMs = 24 * 60 * 60_000;

/** Options of {@link createDatabaseRateLimiter}. */
export interface DatabaseRateLimiterOptions {
  now?: () => number;
  /** One hit in this many also deletes buckets idle for {@link longestRateWindowMs} (default 1,000). */
  sweepEvery?: number;
}

/**
 * The rate limiter of several processes sharing one database: the same token bucket per key as
 * {@link createMemoryRateLimiter}, kept in `rate_limit_buckets` and updated by one atomic upsert per hit,
 * so that N processes together allow a key exactly its limit (the row lock serialises concurrent hits
 * on PostgreSQL; SQLite has one writer). Keys idle past the longest window are swept now and then, so
 * the table holds only recent keys.
 */
export function createDatabaseRateLimiter(
  db: Kysely<Database>,
  options: DatabaseRateLimiterOptions = {},
): RateLimiter {
  const { now = Date.now, sweepEvery = 1_000 } = options;
  let hits = 0;
  return {
    async hit(key: string, rule: RateRule): Promise<RateDecision> {
      if (rule.windowMs > longestRateWindowMs)
        throw new Error(`A rate window over a day: ${rule.windowMs} ms.`);
      const at = now();
      hits += 1;
      if (hits % sweepEvery === 0) {
        await db
          .deleteFrom('rateLimitBuckets')
          .where('at', '<', at - longestRateWindowMs)
          .execute();
      }
      const limit = sql`cast(${rule.limit} as double precision)`;
      const perMs = sql`cast(${rule.limit / rule.windowMs} as double precision)`;
      // The bucket refilled up to `at` (never past the limit, never back in time if clocks differ).
      const elapsed = sql`(case when ${at} > rate_limit_buckets.at then ${at} - rate_limit_buckets.at else 0 end)`;
      const grown = sql`rate_limit_buckets.tokens + ${elapsed} * ${perMs}`;
      const refilled: RawBuilder<number> = sql`(case when ${grown} > ${limit} then ${limit} else ${grown} end)`;
      const row = await db
        .insertInto('rateLimitBuckets')
        .values({ key, tokens: rule.limit - 1, at, allowed: 1 })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            tokens: sql<number>`case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end`,
            allowed: sql<number>`case when ${refilled} >= 1 then 1 else 0 end`,
            at: sql<number>`case when ${at} > rate_limit_buckets.at then ${at} else rate_limit_buckets.at end`,
          }),
        )
        .returning(['tokens', 'allowed'])
        .executeTakeFirstOrThrow();
      if (Number(row.allowed) === 1) return { allowed: true };
      return { allowed: false, retryAfterSeconds: secondsUntilToken(Number(row.tokens), rule) };
    },
  };
}
