/**
 * Sessions: password login into one workspace, the HttpOnly session cookie and its CSRF secret, logout,
 * and the list of my sessions. `platform/http/authenticate.ts` turns the cookie into a Caller with
 * {@link authenticateSession}.
 */
export { readSessionCookie, sessionCookieName, serializeSessionCookie } from './sessions.cookie.js';
export { SessionNotFound } from './sessions.errors.js';
/** Revokes every session of a person (deactivation, password reset). */
export { revokeSessionsOf } from './sessions.repository.js';
export { registerSessionRoutes, sessionCookieFor, toSignedInBody } from './sessions.routes.js';
export { signedInResponse } from './sessions.schema.js';
/** Login, session start and the token-to-caller check used on every request. */
export { authenticateSession, login, sessionLifetimeMs, startSession } from './sessions.service.js';
export type { LoginInput, SessionDeps, SignedIn, StartedSession } from './sessions.service.js';
