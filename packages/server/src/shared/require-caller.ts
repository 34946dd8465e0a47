import type { FastifyRequest } from 'fastify';
import type { Caller } from './caller.js';
import { DomainError } from './domain-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Who is calling, set for every request by `platform/http/authenticate.ts` before any route runs:
     * null for anonymous requests.
     */
    caller: Caller | null;
  }
}

/**
 * The authenticated caller of a request. Lives in `shared/` so that module routes may use it without
 * importing `platform/`; `platform/http/authenticate.ts` re-exports it.
 *
 * @throws DomainError `unauthenticated` when the request carries no valid session or API token.
 */
export function requireCaller(request: FastifyRequest): Caller {
  if (request.caller) return request.caller;
  throw new DomainError('unauthenticated', 'Log in, or send a valid API token as `Authorization: Bearer …`.');
}
