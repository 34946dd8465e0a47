import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimited } from '../../shared/rate-limiter.js';
import { callerOf } from './request-caller.js';

/** A token bucket: holds up to `capacity` tokens and regains `refillPerSecond` of them each second. */
export interface BucketRule {
  capacity: number;
  refillPerSecond: number;
}

/** The answer to {@link TokenBucketLimiter.consume}. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until the request would be allowed; 0 when allowed. */
  retryAfterSeconds: number;
  /** Tokens left after this request. */
  remaining: number;
}

/** Counts requests per key in memory. */
export interface TokenBucketLimiter {
  /** Takes `cost` tokens from the bucket of `key` if it has them; a refused request takes nothing. */
  consume(key: string, cost?: number): RateLimitDecision;
  /** How many keys are held (bounded by `maxKeys`). */
  readonly size: number;
}

/** Options of {@link createTokenBucketLimiter}. */
export interface TokenBucketOptions extends BucketRule {
  /** Most keys held; the least recently used is forgotten beyond it (default 100,000 ≈ 10 MB). */
  maxKeys?: number;
  now?: () => number;
}

/**
 * An in-memory token-bucket limiter, keyed by any string (`login:<ip>`, `posting:<workspace>:<person>`).
 * Memory is bounded: keys are kept in least-recently-used order and the oldest is dropped past `maxKeys`
 * (a dropped key starts again with a full bucket, which only errs towards allowing).
 *
 * Each server process limits on its own: with N processes behind a load balancer a key may make up to N
 * times the rate. A limit shared through PostgreSQL can replace this behind the same interface later.
 *
 * @example
 * ```ts
 * const logins = createTokenBucketLimiter({ capacity: 10, refillPerSecond: 10 / 60 });
 * const decision = logins.consume(`login:${request.ip}`);
 * if (!decision.allowed) throw new RateLimited(decision.retryAfterSeconds);
 * ```
 */
export function createTokenBucketLimiter(options: TokenBucketOptions): TokenBucketLimiter {
  const { capacity, refillPerSecond, maxKeys = 100_000, now = Date.now } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    consume(key, cost = 1) {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at };
      const tokens = Math.min(capacity, bucket.tokens + ((at - bucket.at) / 1000) * refillPerSecond);
      buckets.delete(key); // re-inserted below at the most recently used end
      const allowed = tokens >= cost;
      const left = allowed ? tokens - cost : tokens;
      buckets.set(key, { tokens: left, at });
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / refillPerSecond));
      return { allowed, retryAfterSeconds, remaining: Math.floor(left) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * Takes `cost` from `key` and throws {@link RateLimited} when refused; the error handler answers 429
 * problem+json with `Retry-After`.
 */
export function enforceRateLimit(limiter: TokenBucketLimiter, key: string, cost = 1): void {
  const decision = limiter.consume(key, cost);
  if (!decision.allowed) throw new RateLimited(decision.retryAfterSeconds);
}

/** The named limits routes can opt into with `config: { rateLimit: '<name>' }`. */
export const rateLimitPolicies = {
  /** Creating and editing content: 120 a minute per person and workspace, bursts up to 120. */
  posting: { capacity: 120, refillPerSecond: 2 },
} satisfies Record<string, BucketRule>;

/** The name of a route-level limit. */
export type RateLimitPolicyName = keyof typeof rateLimitPolicies;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A named limit from `rateLimitPolicies` that this route counts against (see rate-limit.ts). */
    rateLimit?: RateLimitPolicyName;
  }
}

function keyOf(policy: string, request: FastifyRequest): string {
  const caller = callerOf(request);
  // Per person within a workspace, so that a flood in one workspace never limits another.
  return caller ? `${policy}:${caller.workspaceId}:${caller.personId}` : `${policy}:ip:${request.ip}`;
}

/**
 * Applies route-level limits. A route opts in through its config, and the limit is checked after
 * authentication (the hook is added to the route in `onRoute`, after the global hooks), before
 * idempotency claims the key, so a refused request can be retried with the same key:
 *
 * ```ts
 * app.post('/api/v1/threads/:id/posts', { config: { rateLimit: 'posting' }, schema }, handler);
 * ```
 *
 * Register it before the routes and before `registerIdempotency`.
 */
export function registerRouteRateLimits(
  app: FastifyInstance,
  policies: Record<RateLimitPolicyName, BucketRule> = rateLimitPolicies,
  now: () => number = Date.now,
): void {
  const limiters = new Map<string, TokenBucketLimiter>();
  for (const [name, rule] of Object.entries(policies)) {
    limiters.set(name, createTokenBucketLimiter({ ...rule, now }));
  }
  app.addHook('onRoute', (route) => {
    const policy = route.config?.rateLimit;
    if (policy === undefined) return;
    const limiter = limiters.get(policy);
    if (!limiter) throw new Error(`Route ${route.url} names an unknown rate limit "${policy}".`);
    const check = async (request: FastifyRequest): Promise<void> => {
      enforceRateLimit(limiter, keyOf(policy, request));
    };
    const existing = route.preHandler;
    route.preHandler = [
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
      check,
    ];
  });
}
