import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database, Role } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';
import { precompile } from '../../shared/precompiled-query.repository.js';

type Executor = Kysely<Database>;

/** Adds a token. */
export async function insertApiToken(db: Executor, token: ApiTokenRow): Promise<void> {
  await db.insertInto('apiTokens').values(token).execute();
}

/** An unrevoked token whose person and membership in the token's workspace are both active. */
export type AuthenticatingToken = Pick<
  ApiTokenRow,
  'id' | 'workspaceId' | 'personId' | 'scope' | 'lastUsedAt'
> & { role: Role };

const selectAuthenticatingToken = precompile((db, tokenHash: string) =>
  db
    .selectFrom('apiTokens as t')
    .innerJoin('memberships as ms', (join) =>
      join.onRef('ms.workspaceId', '=', 't.workspaceId').onRef('ms.personId', '=', 't.personId'),
    )
    .innerJoin('people as p', 'p.id', 't.personId')
    .select(['t.id', 't.workspaceId', 't.personId', 't.scope', 't.lastUsedAt', 'ms.role'])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where('ms.deactivatedAt', 'is', null)
    .where('p.deactivatedAt', 'is', null),
);

/**
 * The token with this hash when it may authenticate, in one query: unrevoked, its person active and a
 * member of its workspace whose membership is active; undefined otherwise.
 */
export async function findAuthenticatingToken(
  db: Executor,
  tokenHash: string,
): Promise<AuthenticatingToken | undefined> {
  return (await selectAuthenticatingToken(db, tokenHash)).rows[0];
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
