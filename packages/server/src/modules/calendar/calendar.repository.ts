import type { Kysely } from 'kysely';
import type { BusyImportRow, CalendarFeedRow, Database } from '../../shared/database.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** The feed whose token has this hash, if any. */
export async function findFeedByHash(db: Executor, tokenHash: string): Promise<CalendarFeedRow | undefined> {
  return db.selectFrom('calendarFeeds').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** A person's feed in a workspace, if they made one. */
export async function findFeed(
  db: Executor,
  workspaceId: string,
  personId: string,
): Promise<CalendarFeedRow | undefined> {
  return db
    .selectFrom('calendarFeeds')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .executeTakeFirst();
}

/** Creates a person's feed, or replaces its token (the old one stops working at once). */
export async function upsertFeed(db: Executor, row: CalendarFeedRow): Promise<void> {
  await db
    .insertInto('calendarFeeds')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['workspaceId', 'personId'])
        .doUpdateSet({ tokenHash: row.tokenHash, createdAt: row.createdAt }),
    )
    .execute();
}

/** Removes a person's feed; whether there was one. */
export async function deleteFeed(db: Executor, workspaceId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('calendarFeeds')
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A person's imported calendar. */
export async function findBusyImport(db: Executor, personId: string): Promise<BusyImportRow | undefined> {
  return db.selectFrom('busyImports').selectAll().where('personId', '=', personId).executeTakeFirst();
}

/** Stores a person's imported calendar and what was read from it. */
export async function upsertBusyImport(db: Executor, row: BusyImportRow): Promise<void> {
  const { url, busy, fetchedAt, error, updatedAt } = row;
  await db
    .insertInto('busyImports')
    .values(row)
    .onConflict((oc) => oc.column('personId').doUpdateSet({ url, busy, fetchedAt, error, updatedAt }))
    .execute();
}

/** Forgets a person's imported calendar; whether there was one. */
export async function deleteBusyImport(db: Executor, personId: string): Promise<boolean> {
  const result = await db.deleteFrom('busyImports').where('personId', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
