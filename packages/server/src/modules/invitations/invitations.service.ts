import { assertAllowed } from '../access/index.js';
import type { Caller } from '../../shared/caller.js';
import type { InvitationRow, PersonRow } from '../../shared/database.js';
import { DomainError } from '../../shared/domain-error.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { newId } from '../../shared/new-id.js';
import type { PasswordHasher } from '../../shared/passwords.js';
import { enforceRate } from '../../shared/rate-limiter.js';
import type { RateLimiter } from '../../shared/rate-limiter.js';
import { hashSecret, newSecret } from '../../shared/secrets.js';
import { InvalidCredentials, createAccount, findPersonByEmail, normalizeEmail } from '../people/index.js';
import type { Executor } from '../people/index.js';
import { createDefaultRhythm } from '../rhythms/index.js';
import { startSession } from '../sessions/index.js';
import type { SignedIn } from '../sessions/index.js';
import { addMember, findMembership, findWorkspace } from '../workspaces/index.js';
import { invitationHours, invitationStatus } from './invitations.domain.js';
import { InvitationEmailMismatch, InvitationNotFound, InvitationUnusable } from './invitations.errors.js';
import {
  findInvitationByHash,
  insertInvitation,
  listInvitations,
  markInvitationAccepted,
  revokeInvitation,
} from './invitations.repository.js';

const hour = 60 * 60_000;
// Invitation floods (BAD_INPUT row 27): per inviter, per workspace, and guessing of links per client.
const perCaller = { limit: 50, windowMs: hour };
const perWorkspace = { limit: 200, windowMs: hour };
const acceptPerClient = { limit: 20, windowMs: 15 * 60_000 };

/** What the invitation services need. */
export interface InvitationDeps {
  db: Executor;
  hasher: PasswordHasher;
  limiter: RateLimiter;
  now: () => number;
}

/** A new invitation: its row and the one-time link path `/invite/<token>`. */
export interface CreatedInvitation {
  invitation: InvitationRow;
  linkPath: string;
}

/** Invites someone into the caller's workspace (owners and admins, per `access`). */
export async function createInvitation(
  deps: InvitationDeps,
  caller: Caller,
  input: { email?: string | undefined; role: InvitationRow['role']; expiresInHours?: number | undefined },
): Promise<CreatedInvitation> {
  assertAllowed(caller, 'invitation.manage', { grantedRole: input.role });
  await enforceRate(deps.limiter, `invite:caller:${caller.workspaceId}:${caller.personId}`, perCaller);
  await enforceRate(deps.limiter, `invite:workspace:${caller.workspaceId}`, perWorkspace);
  const now = deps.now();
  const token = newSecret();
  const invitation: InvitationRow = {
    id: newId(now),
    workspaceId: caller.workspaceId,
    email: input.email?.trim() ?? null,
    role: input.role,
    tokenHash: hashSecret(token),
    invitedBy: caller.personId,
    createdAt: now,
    expiresAt: now + (input.expiresInHours ?? invitationHours.default) * hour,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  };
  await insertInvitation(deps.db, invitation);
  return { invitation, linkPath: `/invite/${token}` };
}

/** A page of the invitations of the caller's workspace, newest first. */
export async function listWorkspaceInvitations(
  deps: InvitationDeps,
  caller: Caller,
  page: PageRequest,
): Promise<Page<InvitationRow>> {
  assertAllowed(caller, 'invitation.manage');
  const rows = await listInvitations(deps.db, caller.workspaceId, { ...page, limit: page.limit + 1 });
  return toPage(rows, page.limit, (i) => ({ key: i.createdAt, id: i.id }));
}

/** Revokes an unused invitation of the caller's workspace. */
export async function revokeWorkspaceInvitation(
  deps: InvitationDeps,
  caller: Caller,
  id: string,
): Promise<void> {
  assertAllowed(caller, 'invitation.manage');
  if (!(await revokeInvitation(deps.db, caller.workspaceId, id, deps.now()))) throw new InvitationNotFound();
}

/** The acceptance form. */
export interface AcceptInput {
  token: string;
  email: string;
  displayName: string;
  password: string;
  /** IANA zone of a new account's default rhythm; an existing account keeps its rhythm. */
  timeZone?: string | undefined;
  clientIp: string;
  userAgent: string | undefined;
}

async function findUsableInvitation(db: Executor, token: string, now: number): Promise<InvitationRow> {
  const invitation = await findInvitationByHash(db, hashSecret(token));
  if (!invitation) throw new InvitationUnusable('unknown');
  const status = invitationStatus(invitation, now);
  if (status !== 'pending') throw new InvitationUnusable(status);
  return invitation;
}

// An address that already has an account joins with that account's password; a wrong one is refused.
async function checkExistingAccount(
  deps: InvitationDeps,
  input: AcceptInput,
): Promise<PersonRow | undefined> {
  const existing = await findPersonByEmail(deps.db, normalizeEmail(input.email));
  if (!existing) return undefined;
  const isMatch =
    existing.passwordHash !== null && (await deps.hasher.verify(existing.passwordHash, input.password));
  if (!isMatch || existing.deactivatedAt !== null) throw new InvalidCredentials();
  return existing;
}

/**
 * Uses an invitation link: creates the account (or joins with an existing one), the membership and a
 * session. A link works once; expired, used and revoked links say so.
 */
export async function acceptInvitation(deps: InvitationDeps, input: AcceptInput): Promise<SignedIn> {
  await enforceRate(deps.limiter, `accept:client:${input.clientIp}`, acceptPerClient);
  const invitation = await findUsableInvitation(deps.db, input.token, deps.now());
  if (invitation.email !== null && normalizeEmail(invitation.email) !== normalizeEmail(input.email)) {
    throw new InvitationEmailMismatch();
  }
  const existing = await checkExistingAccount(deps, input);
  const passwordHash = existing ? null : await deps.hasher.hash(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const person =
      existing ?? (await createAccount(trx, { ...input, passwordHash: passwordHash ?? '' }, now));
    if (!(await markInvitationAccepted(trx, invitation.id, person.id, now))) {
      throw new InvitationUnusable('accepted');
    }
    if (await findMembership(trx, invitation.workspaceId, person.id)) {
      throw new DomainError('conflict', 'This account already belongs to the workspace.');
    }
    const membership = await addMember(trx, invitation.workspaceId, person.id, invitation.role, now);
    await createDefaultRhythm(trx, person.id, input.timeZone, now);
    const workspace = await findWorkspace(trx, invitation.workspaceId);
    if (!workspace) throw new InvitationUnusable('unknown');
    const session = await startSession(
      trx,
      { personId: person.id, workspaceId: workspace.id, userAgent: input.userAgent },
      now,
    );
    return { ...session, person, workspace, role: membership.role };
  });
}
