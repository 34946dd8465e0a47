import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

type Executor = Kysely<Database>;

/** Adds a token. */
export async function insertApiToken(db: Executor, token: ApiTokenRow): Promise<void> {
  await db.insertInto('apiTokens').values(token).execute();
}

/** The unrevoked token with this hash. */
export async function findLiveApiTokenByHash(
  db: Executor,
  tokenHash: string,
): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('apiTokens')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
}

/** A page of a person's unrevoked tokens in a workspace, newest first. */
export async function listLiveApiTokens(
  db: Executor,
  scope: { personId: string; workspaceId: string },
  page: PageRequest,
): Promise<ApiTokenRow[]> {
  let query = db
    .selectFrom('apiTokens')
    .selectAll()
    .where('personId', '=', scope.personId)
    .where('workspaceId', '=', scope.workspaceId)
    .where('revokedAt', 'is', null);
  const after = page.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([eb('createdAt', '<', key), eb.and([eb('createdAt', '=', key), eb('id', '<', after.id)])]),
    );
  }
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** Records a use, unless one was recorded less than `granularityMs` ago (one write a minute at most). */
export async function touchApiToken(
  db: Executor,
  id: string,
  now: number,
  granularityMs: number,
): Promise<void> {
  await db
    .updateTable('apiTokens')
    .set({ lastUsedAt: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<=', now - granularityMs)]))
    .execute();
}

/** Revokes one of a person's tokens in a workspace; false when there is no such live token. */
export async function revokeApiToken(
  db: Executor,
  scope: { id: string; personId: string; workspaceId: string },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('id', '=', scope.id)
    .where('personId', '=', scope.personId)
    .where('workspaceId', '=', scope.workspaceId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every token of a person in a workspace, or everywhere without one. */
export async function revokeApiTokensOf(
  db: Executor,
  personId: string,
  workspaceId: string | undefined,
  now: number,
): Promise<void> {
  let query = db
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('personId', '=', personId)
    .where('revokedAt', 'is', null);
  if (workspaceId !== undefined) query = query.where('workspaceId', '=', workspaceId);
  await query.execute();
}
