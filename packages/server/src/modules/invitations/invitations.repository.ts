import type { Kysely } from 'kysely';
import type { Database, InvitationRow } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

type Executor = Kysely<Database>;

/** Adds an invitation. */
export async function insertInvitation(db: Executor, invitation: InvitationRow): Promise<void> {
  await db.insertInto('invitations').values(invitation).execute();
}

/** The invitation with this token hash, in any state. */
export async function findInvitationByHash(
  db: Executor,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** A page of a workspace's invitations, newest first. */
export async function listInvitations(
  db: Executor,
  workspaceId: string,
  page: PageRequest,
): Promise<InvitationRow[]> {
  let query = db.selectFrom('invitations').selectAll().where('workspaceId', '=', workspaceId);
  const after = page.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([eb('createdAt', '<', key), eb.and([eb('createdAt', '=', key), eb('id', '<', after.id)])]),
    );
  }
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** Revokes an unused invitation of a workspace; false when there is none with this id. */
export async function revokeInvitation(
  db: Executor,
  workspaceId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('workspaceId', '=', workspaceId)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks an invitation used, only if it still is pending; false when another request used it first. */
export async function markInvitationAccepted(
  db: Executor,
  id: string,
  personId: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ acceptedAt: now, acceptedBy: personId })
    .where('id', '=', id)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
