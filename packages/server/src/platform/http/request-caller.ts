import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../shared/caller.js';

/**
 * The caller that authentication attached to the request (`request.caller`), or null when anonymous.
 * Read through this accessor so that the platform plugins here do not depend on who declares the
 * Fastify type augmentation for `caller` (authenticate.ts does).
 */
export function callerOf(request: FastifyRequest): Caller | null {
  return (request as { caller?: Caller | null }).caller ?? null;
}
