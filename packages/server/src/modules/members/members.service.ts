import { assertAllowed, decide } from '../access/index.js';
import { revokeApiTokensOf } from '../api-tokens/index.js';
import type { Caller } from '../../shared/caller.js';
import type { MembershipRow, PersonRow, Role } from '../../shared/database.js';
import { DomainError } from '../../shared/domain-error.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import type { PasswordHasher } from '../../shared/passwords.js';
import {
  findPeopleByIds,
  findPersonByEmail,
  findPersonById,
  normalizeEmail,
  updatePasswordHash,
} from '../people/index.js';
import type { Executor } from '../people/index.js';
import { revokeSessionsOf } from '../sessions/index.js';
import {
  countActiveOwners,
  deactivateMembership,
  findMembership,
  listMemberships,
  updateRole,
} from '../workspaces/index.js';
import { LastOwner, MemberNotFound } from './members.errors.js';

/** What the member services need. */
export interface MemberDeps {
  db: Executor;
  now: () => number;
}

/** A member of a workspace as listed; `email` is absent when the caller may not see it. */
export interface Member {
  id: string;
  displayName: string;
  email?: string;
  role: Role;
  joinedAt: number;
  deactivatedAt: number | null;
}

function toMember(membership: MembershipRow, person: PersonRow, showEmail: boolean): Member {
  return {
    id: person.id,
    displayName: person.displayName,
    ...(showEmail ? { email: person.email } : {}),
    role: membership.role,
    joinedAt: membership.createdAt,
    deactivatedAt: membership.deactivatedAt ?? person.deactivatedAt,
  };
}

/** A page of the members of the caller's workspace, active and deactivated, in the order they joined. */
export async function listMembers(
  deps: MemberDeps,
  caller: Caller,
  page: PageRequest,
): Promise<Page<Member>> {
  assertAllowed(caller, 'people.list');
  const showEmail = decide(caller, 'people.email').allowed;
  const rows = await listMemberships(deps.db, caller.workspaceId, { ...page, limit: page.limit + 1 });
  const { items: memberships, nextCursor } = toPage(rows, page.limit, (m) => ({
    key: m.createdAt,
    id: m.personId,
  }));
  const people = new Map(
    (
      await findPeopleByIds(
        deps.db,
        memberships.map((m) => m.personId),
      )
    ).map((p) => [p.id, p]),
  );
  const items = memberships.flatMap((m) => {
    const person = people.get(m.personId);
    return person ? [toMember(m, person, showEmail)] : [];
  });
  return { items, nextCursor };
}

async function loadMember(db: Executor, caller: Caller, personId: string) {
  const membership = await findMembership(db, caller.workspaceId, personId);
  const person = membership ? await findPersonById(db, personId) : undefined;
  if (!membership || !person) throw new MemberNotFound();
  return { membership, person };
}

async function assertKeepsOwner(db: Executor, membership: MembershipRow): Promise<void> {
  const isActiveOwner = membership.role === 'owner' && membership.deactivatedAt === null;
  if (isActiveOwner && (await countActiveOwners(db, membership.workspaceId)) <= 1) throw new LastOwner();
}

/** Gives a member another role, as `access` allows (admins manage members and guests; owners everyone). */
export async function changeRole(
  deps: MemberDeps,
  caller: Caller,
  personId: string,
  role: Role,
): Promise<Member> {
  return deps.db.transaction().execute(async (trx) => {
    const { membership, person } = await loadMember(trx, caller, personId);
    assertAllowed(caller, 'people.manage', { subjectRole: membership.role, grantedRole: role });
    if (role !== 'owner') await assertKeepsOwner(trx, membership);
    await updateRole(trx, caller.workspaceId, personId, role);
    return toMember({ ...membership, role }, person, decide(caller, 'people.email').allowed);
  });
}

/** Deactivates a member: their sessions and API tokens in this workspace end at once. */
export async function deactivateMember(deps: MemberDeps, caller: Caller, personId: string): Promise<Member> {
  return deps.db.transaction().execute(async (trx) => {
    const { membership, person } = await loadMember(trx, caller, personId);
    assertAllowed(caller, 'people.manage', { subjectRole: membership.role });
    await assertKeepsOwner(trx, membership);
    const now = deps.now();
    await deactivateMembership(trx, caller.workspaceId, personId, now);
    await revokeSessionsOf(trx, personId, caller.workspaceId, now);
    await revokeApiTokensOf(trx, personId, caller.workspaceId, now);
    const deactivated = { ...membership, deactivatedAt: membership.deactivatedAt ?? now };
    return toMember(deactivated, person, decide(caller, 'people.email').allowed);
  });
}

/**
 * Sets a new password for the account with this e-mail and ends all its sessions, for
 * `meanwhile admin reset-password` (run by whoever controls the server).
 */
export async function resetPassword(
  deps: MemberDeps & { hasher: PasswordHasher },
  input: { email: string; password: string },
): Promise<PersonRow> {
  const person = await findPersonByEmail(deps.db, normalizeEmail(input.email));
  if (!person) throw new DomainError('not_found', 'No account has this e-mail address.');
  const passwordHash = await deps.hasher.hash(input.password);
  await deps.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, person.id, passwordHash);
    await revokeSessionsOf(trx, person.id, undefined, deps.now());
  });
  return person;
}
