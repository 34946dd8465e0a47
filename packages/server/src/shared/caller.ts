import type { Role } from './database.js';

/**
 * Who is making a request, as established once by `platform/http/authenticate.ts` from the session cookie or
 * the bearer API token. Every service takes a Caller and scopes every query to `caller.workspaceId`: a
 * session and a token each belong to exactly one workspace.
 */
export interface Caller {
  personId: string;
  workspaceId: string;
  role: Role;
  /** How the caller authenticated. */
  via: 'session' | 'token';
  /** `read` tokens may only read; sessions and `read-write` tokens may write. */
  scope: 'read' | 'read-write';
  /** The session's or the token's id (to list "this session" or to revoke). */
  credentialId: string;
}
