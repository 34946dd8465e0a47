import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createDatabaseRateLimiter } from '../../shared/rate-limit.repository.js';
import { createMemoryRateLimiter, enforceRate } from '../../shared/rate-limiter.js';
import type { RateLimiter, RateRule } from '../../shared/rate-limiter.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { callerOf } from './request-caller.js';

/**
 * The server's rate limiter: in memory for SQLite, which is served by one process, and in the database
 * for PostgreSQL, so that every process serving it counts against the same buckets.
 */
export function createRateLimiter(database: DatabaseHandle, now: () => number = Date.now): RateLimiter {
  return database.dialect === 'postgres'
    ? createDatabaseRateLimiter(database.db, { now })
    : createMemoryRateLimiter({ now });
}

/**
 * The named limits routes can opt into with `config: { rateLimit: '<name>' }`. They count in the same
 * token-bucket limiter as the services' own limits (login, invitations: `shared/rate-limiter.ts`).
 */
export const rateLimitPolicies = {
  /** Creating and editing content: 120 a minute per person and workspace, bursts up to 120. */
  posting: { limit: 120, windowMs: 60_000 },
} satisfies Record<string, RateRule>;

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
 * Register it before the routes and before `registerIdempotency`. A refusal throws `RateLimited`,
 * which the error handler answers with 429 problem+json and `Retry-After`.
 */
export function registerRouteRateLimits(
  app: FastifyInstance,
  limiter: RateLimiter,
  policies: Record<RateLimitPolicyName, RateRule> = rateLimitPolicies,
): void {
  app.addHook('onRoute', (route) => {
    const policy = route.config?.rateLimit;
    if (policy === undefined) return;
    const rule = (policies as Record<string, RateRule>)[policy];
    if (!rule) throw new Error(`Route ${route.url} names an unknown rate limit "${policy}".`);
    const check = async (request: FastifyRequest): Promise<void> => {
      await enforceRate(limiter, keyOf(policy, request), rule);
    };
    const existing = route.preHandler;
    route.preHandler = [
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
      check,
    ];
  });
}
