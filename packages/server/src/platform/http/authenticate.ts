import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertAllowed } from '../../modules/access/index.js';
import { readSessionCookie } from '../../modules/sessions/index.js';
import type { Caller } from '../../shared/caller.js';
import { DomainError } from '../../shared/domain-error.js';

export { requireCaller } from '../../shared/require-caller.js';

/** Turns credentials into callers; implemented by the sessions and api-tokens modules. */
export interface Authenticator {
  authenticateSession(token: string): Promise<{ caller: Caller; csrfSecret: string } | null>;
  authenticateApiToken(token: string): Promise<Caller | null>;
}

/** The header a cookie-authenticated unsafe request must carry, holding the session's CSRF token. */
export const csrfHeader = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
// `Bearer` and one token of base64url characters; anything else is refused, never guessed at.
const bearerPattern = /^Bearer ([A-Za-z0-9_-]{16,200})$/i;

function isSameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

// Node keeps only the first of repeated Authorization headers, so count them in the raw list.
function authorizationHeaders(request: FastifyRequest): string[] {
  const raw = request.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'authorization') values.push(raw[i + 1]!);
  }
  return values;
}

async function callerFromBearer(auth: Authenticator, values: string[]): Promise<Caller> {
  if (values.length > 1) throw new DomainError('bad_request', 'Send one Authorization header, not several.');
  const match = bearerPattern.exec(values[0]!.trim());
  if (!match)
    throw new DomainError('unauthenticated', 'The Authorization header must be `Bearer <API token>`.');
  const caller = await auth.authenticateApiToken(match[1]!);
  if (!caller) throw new DomainError('unauthenticated', 'The API token is not valid, or was revoked.');
  return caller;
}

async function callerFromCookie(auth: Authenticator, request: FastifyRequest): Promise<Caller | null> {
  const token = readSessionCookie(request.headers.cookie);
  // A stale or forged cookie makes the request anonymous (the login page must still work), not an error.
  const found = token ? await auth.authenticateSession(token) : null;
  if (!found) return null;
  if (!safeMethods.has(request.method)) {
    const sent = request.headers[csrfHeader];
    if (typeof sent !== 'string' || !isSameSecret(sent, found.csrfSecret)) {
      throw new DomainError('csrf_failed', "Send the session's CSRF token in the X-CSRF-Token header.");
    }
  }
  return found.caller;
}

/**
 * Sets `request.caller` before any route runs. An `Authorization` header alone decides when present
 * (a bearer API token; malformed, repeated or unknown is an error, never a fall-back to the cookie);
 * otherwise the session cookie, whose unsafe requests must carry the matching `X-CSRF-Token`. A read-only
 * token may not make unsafe requests (decided by `access`).
 */
export function registerAuthentication(app: FastifyInstance, auth: Authenticator): void {
  if (!app.hasRequestDecorator('caller')) app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    request.caller = null;
    const authorization = authorizationHeaders(request);
    const caller =
      authorization.length > 0
        ? await callerFromBearer(auth, authorization)
        : await callerFromCookie(auth, request);
    if (caller && !safeMethods.has(request.method)) assertAllowed(caller, 'api.write');
    request.caller = caller;
  });
}
