import { DomainError } from './domain-error.js';

/** How many hits a key may make per window. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** The answer of a limiter: allowed, or refused with the seconds until the window resets. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts hits per key; services depend on this interface, whatever stores the counts. */
export interface RateLimiter {
  hit(key: string, rule: RateRule): RateDecision;
}

/** Thrown when a limit is exceeded; the HTTP layer answers 429 with `Retry-After`. */
export class RateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many attempts; try again in ${retryAfterSeconds} seconds.`);
  }
}

/** Records a hit and throws {@link RateLimited} when the key is over its limit. */
export function enforceRate(limiter: RateLimiter, key: string, rule: RateRule): void {
  const decision = limiter.hit(key, rule);
  if (!decision.allowed) throw new RateLimited(decision.retryAfterSeconds);
}

const maxKeys = 100_000;

/**
 * A per-process fixed-window limiter held in memory. Several server processes each count on their own,
 * which loosens the limits by that factor; acceptable for login and invitation floods.
 */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  function prune(at: number): void {
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
    // Still full of live windows (a flood of distinct keys): forget the oldest rather than grow without bound.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  }
  return {
    hit(key, rule) {
      const at = now();
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        if (windows.size >= maxKeys) prune(at);
        window = { count: 0, resetAt: at + rule.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= rule.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - at) / 1000)) };
    },
  };
}
