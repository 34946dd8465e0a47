import { DomainError } from './domain-error.js';

/** How many hits a key may make per window. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** The answer of a limiter: allowed, or refused with the seconds until a hit would be allowed. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts hits per key; services depend on this interface, whatever stores the counts: memory for one
 * process ({@link createMemoryRateLimiter}), the database for several (`rate-limit.repository.ts`).
 */
export interface RateLimiter {
  hit(key: string, rule: RateRule): Promise<RateDecision>;
}

/** Thrown when a limit is exceeded; the HTTP layer answers 429 with `Retry-After`. */
export class RateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many attempts; try again in ${retryAfterSeconds} seconds.`);
  }
}

/** Records a hit and throws {@link RateLimited} when the key is over its limit. */
export async function enforceRate(limiter: RateLimiter, key: string, rule: RateRule): Promise<void> {
  const decision = await limiter.hit(key, rule);
  if (!decision.allowed) throw new RateLimited(decision.retryAfterSeconds);
}

/** A limiter held in memory; `size` tells how many keys it holds. */
export interface MemoryRateLimiter extends RateLimiter {
  readonly size: number;
  /** The same decision as `hit`, without a promise. */
  hitNow(key: string, rule: RateRule): RateDecision;
}

/** The seconds until a bucket holding `tokens` has one whole token again. */
export function secondsUntilToken(tokens: number, rule: RateRule): number {
  return Math.max(1, Math.ceil(((1 - tokens) * rule.windowMs) / rule.limit / 1000));
}

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /** Most keys held; the least recently used is forgotten beyond it (default 100,000 ≈ 10 MB). */
  maxKeys?: number;
  now?: () => number;
}

/**
 * The server's one rate limiter: a token bucket per key, held in memory. A rule `{ limit, windowMs }`
 * is a bucket of `limit` tokens that refills at `limit` per `windowMs`: a burst of `limit` hits passes,
 * then hits pass as tokens return, and after a quiet `windowMs` the full burst is available again.
 * Unlike a fixed window, a client cannot get twice the limit by straddling a window's edge.
 *
 * Memory is bounded: keys are kept in least-recently-used order and the oldest is dropped past
 * `maxKeys` (a dropped key starts again with a full bucket, which only errs towards allowing). Each
 * server process limits on its own, so this is the limiter of a single process (SQLite); several
 * processes on PostgreSQL share theirs through the database (`rate-limit.repository.ts`).
 *
 * @example
 * ```ts
 * const limiter = createMemoryRateLimiter();
 * await enforceRate(limiter, `login:client:${ip}`, { limit: 100, windowMs: 15 * 60_000 });
 * ```
 */
export function createMemoryRateLimiter(
  options: MemoryRateLimiterOptions | (() => number) = {},
): MemoryRateLimiter {
  const { maxKeys = 100_000, now = Date.now } = typeof options === 'function' ? { now: options } : options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const hitNow = (key: string, rule: RateRule): RateDecision => {
    const at = now();
    const perMs = rule.limit / rule.windowMs;
    const bucket = buckets.get(key) ?? { tokens: rule.limit, at };
    const tokens = Math.min(rule.limit, bucket.tokens + (at - bucket.at) * perMs);
    const isAllowed = tokens >= 1;
    buckets.delete(key); // re-inserted at the most recently used end
    buckets.set(key, { tokens: isAllowed ? tokens - 1 : tokens, at });
    if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
    if (isAllowed) return { allowed: true };
    return { allowed: false, retryAfterSeconds: secondsUntilToken(tokens, rule) };
  };
  return {
    hitNow,
    hit: async (key, rule) => hitNow(key, rule),
    get size() {
      return buckets.size;
    },
  };
}
