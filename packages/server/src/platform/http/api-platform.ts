import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/open-database.js';
import { createServerSecrets } from '../db/server-secrets.js';
import { registerCursorSigning } from './cursor-signing.js';
import { registerHeaderLimits } from './header-limits.js';
import { registerIdempotency } from './idempotency.js';
import { registerOpenApi } from './openapi.js';
import type { RateLimiter } from '../../shared/rate-limiter.js';
import { registerRouteRateLimits } from './rate-limit.js';

/** The version of the `/api/v1` contract, as `info.version` of the OpenAPI document. */
export const apiVersion = '1.0.0';

/**
 * Installs what every route under `/api/v1` gets without asking: header limits, the OpenAPI document and
 * docs, route-level rate limits (`config.rateLimit`), `Idempotency-Key` on POSTs, and signed cursors.
 * Register it before any route, so that its `onRoute` hooks see them; the order of the calls below is
 * the order of the route-level `preHandler`s (rate limit, then idempotency, then cursor verification).
 */
export async function registerApiPlatform(
  app: FastifyInstance,
  database: DatabaseHandle,
  limiter: RateLimiter,
): Promise<void> {
  registerHeaderLimits(app);
  await registerOpenApi(app, apiVersion);
  registerRouteRateLimits(app, limiter);
  registerIdempotency(app, database);
  registerCursorSigning(app, createServerSecrets(database.db));
}
