import type { FastifyInstance } from 'fastify';
import { authenticateApiToken, registerApiTokenRoutes } from '../../modules/api-tokens/index.js';
import { registerInvitationRoutes } from '../../modules/invitations/index.js';
import { registerMemberRoutes } from '../../modules/members/index.js';
import { authenticateSession, registerSessionRoutes } from '../../modules/sessions/index.js';
import { registerSetupRoutes } from '../../modules/setup/index.js';
import type { Database } from '../../shared/database.js';
import type { PasswordHasher } from '../../shared/passwords.js';
import { createMemoryRateLimiter } from '../../shared/rate-limiter.js';
import type { RateLimiter } from '../../shared/rate-limiter.js';
import type { Kysely } from 'kysely';
import { registerAuthentication } from './authenticate.js';

/** What the identity modules share: the database, the clock, password hashing and a rate limiter. */
export interface IdentityDeps {
  db: Kysely<Database>;
  now: () => number;
  hasher: PasswordHasher;
  limiter: RateLimiter;
}

/** The identity dependencies with defaults: the real clock and an in-memory token-bucket limiter. */
export function createIdentityDeps(
  db: Kysely<Database>,
  hasher: PasswordHasher,
  now: () => number = Date.now,
  limiter: RateLimiter = createMemoryRateLimiter(now),
): IdentityDeps {
  return { db, now, hasher, limiter };
}

/**
 * Installs authentication (`request.caller`) and the identity endpoints: setup, login, sessions, API
 * tokens, invitations and people. Call before any other route is registered.
 */
export function registerIdentity(app: FastifyInstance, deps: IdentityDeps): void {
  registerAuthentication(app, {
    authenticateSession: (token) => authenticateSession(deps, token),
    authenticateApiToken: (token) => authenticateApiToken(deps, token),
  });
  registerSetupRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
  registerInvitationRoutes(app, deps);
  registerMemberRoutes(app, deps);
}
