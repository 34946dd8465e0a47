import type { Kysely } from 'kysely';
import type { Database, Role, SessionRow } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';
import { precompile } from '../../shared/precompiled-query.repository.js';

type Executor = Kysely<Database>;

/** Adds a session. */
export async function insertSession(db: Executor, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** A live session whose person and membership in the session's workspace are both active. */
export type AuthenticatingSession = Pick<
  SessionRow,
  'id' | 'workspaceId' | 'personId' | 'csrfSecret' | 'lastSeenAt'
> & { role: Role };

const selectAuthenticatingSession = precompile((db, tokenHash: string, now: number) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('memberships as ms', (join) =>
      join.onRef('ms.workspaceId', '=', 's.workspaceId').onRef('ms.personId', '=', 's.personId'),
    )
    .innerJoin('people as p', 'p.id', 's.personId')
    .select(['s.id', 's.workspaceId', 's.personId', 's.csrfSecret', 's.lastSeenAt', 'ms.role'])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', now)
    .where('ms.deactivatedAt', 'is', null)
    .where('p.deactivatedAt', 'is', null),
);

/**
 * The session with this token hash when it may authenticate, in one query: live (not revoked, not
 * expired), its person active and a member of its workspace whose membership is active.
 */
export async function findAuthenticatingSession(
  db: Executor,
  tokenHash: string,
  now: number,
): Promise<AuthenticatingSession | undefined> {
  return (await selectAuthenticatingSession(db, tokenHash, now)).rows[0];
}

/** Records that a session was used, unless it was recorded less than `granularityMs` ago. */
export async function touchSession(
  db: Executor,
  id: string,
  now: number,
  granularityMs: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ lastSeenAt: now })
    .where('id', '=', id)
    .where('lastSeenAt', '<=', now - granularityMs)
    .execute();
}

function selectLiveSessions(db: Executor, scope: { personId: string; workspaceId: string }, now: number) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('personId', '=', scope.personId)
    .where('workspaceId', '=', scope.workspaceId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now);
}

/**
 * A page of a person's live sessions in a workspace, the newest first. Ordered by creation, which never
 * changes, rather than by last use, so that a page boundary stays put while sessions are used.
 */
export async function listLiveSessions(
  db: Executor,
  scope: { personId: string; workspaceId: string },
  now: number,
  page: PageRequest,
): Promise<SessionRow[]> {
  let query = selectLiveSessions(db, scope, now);
  const after = page.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([eb('createdAt', '<', key), eb.and([eb('createdAt', '=', key), eb('id', '<', after.id)])]),
    );
  }
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** One of a person's live sessions in a workspace. */
export async function findLiveSession(
  db: Executor,
  scope: { id: string; personId: string; workspaceId: string },
  now: number,
): Promise<SessionRow | undefined> {
  return selectLiveSessions(db, scope, now).where('id', '=', scope.id).executeTakeFirst();
}

/** Revokes one of a person's live sessions in a workspace; false when there is no such session. */
export async function revokeSession(
  db: Executor,
  scope: { id: string; personId: string; workspaceId: string },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('id', '=', scope.id)
    .where('personId', '=', scope.personId)
    .where('workspaceId', '=', scope.workspaceId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every session of a person, in one workspace or (without one) everywhere. */
export async function revokeSessionsOf(
  db: Executor,
  personId: string,
  workspaceId: string | undefined,
  now: number,
): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('personId', '=', personId)
    .where('revokedAt', 'is', null);
  if (workspaceId !== undefined) query = query.where('workspaceId', '=', workspaceId);
  await query.execute();
}
