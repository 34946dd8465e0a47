import type { Caller } from '../../shared/caller.js';
import type { PersonRow, Role, SessionRow, WorkspaceRow } from '../../shared/database.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { newId } from '../../shared/new-id.js';
import type { PasswordHasher } from '../../shared/passwords.js';
import { enforceRate } from '../../shared/rate-limiter.js';
import type { RateLimiter } from '../../shared/rate-limiter.js';
import { hashSecret, newSecret } from '../../shared/secrets.js';
import { InvalidCredentials, findPersonById, normalizeEmail, verifyCredentials } from '../people/index.js';
import type { Executor } from '../people/index.js';
import { findWorkspace, listActiveMembershipsOfPerson } from '../workspaces/index.js';
import { SessionNotFound } from './sessions.errors.js';
import {
  findLiveSession,
  findAuthenticatingSession,
  insertSession,
  listLiveSessions,
  revokeSession,
  touchSession,
} from './sessions.repository.js';

/** How long a session lasts from login. */
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
const touchGranularityMs = 60_000;
// Login guessing: per address and client, and per client over all addresses (BAD_INPUT row 27).
const loginPerEmail = { limit: 10, windowMs: 15 * 60_000 };
const loginPerClient = { limit: 100, windowMs: 15 * 60_000 };

/** What the session services need. */
export interface SessionDeps {
  db: Executor;
  hasher: PasswordHasher;
  limiter: RateLimiter;
  now: () => number;
}

/** A new session and its secrets, which only the client keeps. */
export interface StartedSession {
  token: string;
  session: SessionRow;
}

/** Who is signed in, where, and as what. */
export interface SignedIn extends StartedSession {
  person: PersonRow;
  workspace: WorkspaceRow;
  role: Role;
}

/** Starts a session of a person in a workspace (inside the caller's transaction). */
export async function startSession(
  db: Executor,
  input: { personId: string; workspaceId: string; userAgent: string | undefined },
  now: number,
): Promise<StartedSession> {
  const token = newSecret();
  const session: SessionRow = {
    id: newId(now),
    personId: input.personId,
    workspaceId: input.workspaceId,
    tokenHash: hashSecret(token),
    csrfSecret: newSecret(),
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + sessionLifetimeMs,
    revokedAt: null,
  };
  await insertSession(db, session);
  return { token, session };
}

/** The login form. Without `workspaceId`, the person's oldest active membership is used. */
export interface LoginInput {
  email: string;
  password: string;
  workspaceId?: string | undefined;
  clientIp: string;
  userAgent: string | undefined;
}

async function chooseMembership(deps: SessionDeps, personId: string, workspaceId: string | undefined) {
  const memberships = await listActiveMembershipsOfPerson(deps.db, personId);
  const membership = workspaceId ? memberships.find((m) => m.workspaceId === workspaceId) : memberships[0];
  if (!membership) throw new InvalidCredentials();
  return membership;
}

/**
 * Checks e-mail and password and starts a session. Every failure (unknown address, wrong password,
 * deactivated person, not a member of the workspace) is the same `invalid_credentials`.
 *
 * @throws RateLimited after too many attempts for the address or from the client.
 */
export async function login(deps: SessionDeps, input: LoginInput): Promise<SignedIn> {
  await enforceRate(deps.limiter, `login:client:${input.clientIp}`, loginPerClient);
  await enforceRate(
    deps.limiter,
    `login:email:${input.clientIp}:${normalizeEmail(input.email)}`,
    loginPerEmail,
  );
  const person = await verifyCredentials(deps.db, deps.hasher, input.email, input.password);
  const membership = await chooseMembership(deps, person.id, input.workspaceId);
  const workspace = await findWorkspace(deps.db, membership.workspaceId);
  if (!workspace) throw new InvalidCredentials();
  const started = await startSession(
    deps.db,
    { ...input, personId: person.id, workspaceId: workspace.id },
    deps.now(),
  );
  return { ...started, person, workspace, role: membership.role };
}

/** The caller a session token stands for, with the session's CSRF secret; null when it is not valid. */
export async function authenticateSession(
  deps: Pick<SessionDeps, 'db' | 'now'>,
  token: string,
): Promise<{ caller: Caller; csrfSecret: string } | null> {
  const now = deps.now();
  // One query checks the session, the person and the membership (revocation and deactivation take
  // effect on the next request: nothing is cached).
  const session = await findAuthenticatingSession(deps.db, hashSecret(token), now);
  if (!session) return null;
  // Most requests come within a minute of the last: skip the write (the update checks the same again).
  if (session.lastSeenAt <= now - touchGranularityMs)
    await touchSession(deps.db, session.id, now, touchGranularityMs);
  const caller: Caller = {
    personId: session.personId,
    workspaceId: session.workspaceId,
    role: session.role,
    via: 'session',
    scope: 'read-write',
    credentialId: session.id,
  };
  return { caller, csrfSecret: session.csrfSecret };
}

/** A page of the caller's live sessions in this workspace, the newest first. */
export async function listMySessions(
  deps: SessionDeps,
  caller: Caller,
  page: PageRequest,
): Promise<Page<SessionRow>> {
  const scope = { personId: caller.personId, workspaceId: caller.workspaceId };
  const rows = await listLiveSessions(deps.db, scope, deps.now(), { ...page, limit: page.limit + 1 });
  return toPage(rows, page.limit, (s) => ({ key: s.createdAt, id: s.id }));
}

/**
 * Ends one of the caller's sessions.
 *
 * @throws SessionNotFound for another person's session, another workspace's, or a random id alike.
 */
export async function endSession(deps: SessionDeps, caller: Caller, id: string): Promise<void> {
  const scope = { id, personId: caller.personId, workspaceId: caller.workspaceId };
  if (!(await revokeSession(deps.db, scope, deps.now()))) throw new SessionNotFound();
}

/** Who the caller is: their account, workspace and role. */
export async function describeCaller(
  deps: SessionDeps,
  caller: Caller,
): Promise<{ person: PersonRow; workspace: WorkspaceRow }> {
  const person = await findPersonById(deps.db, caller.personId);
  const workspace = await findWorkspace(deps.db, caller.workspaceId);
  if (!person || !workspace) throw new SessionNotFound();
  return { person, workspace };
}

/** The CSRF secret of a live session of the caller (to hand it to a page that reloaded). */
export async function findCsrfSecret(deps: SessionDeps, caller: Caller): Promise<string | undefined> {
  if (caller.via !== 'session') return undefined;
  const scope = { id: caller.credentialId, personId: caller.personId, workspaceId: caller.workspaceId };
  return (await findLiveSession(deps.db, scope, deps.now()))?.csrfSecret;
}
