import type { Kysely } from 'kysely';
import type { Database, ThreadRow } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** A thread and whether a given person follows it. */
export type ThreadWithFollow = ThreadRow & { isFollowing: boolean };

function selectThreads(db: Executor, workspaceId: string, personId: string) {
  return db
    .selectFrom('threads as t')
    .leftJoin('threadFollowers as f', (join) =>
      join.onRef('f.threadId', '=', 't.id').on('f.personId', '=', personId),
    )
    .selectAll('t')
    .select((eb) => eb('f.personId', 'is not', null).as('isFollowing'))
    .where('t.workspaceId', '=', workspaceId);
}

const withBoolean = (row: ThreadRow & { isFollowing: unknown }): ThreadWithFollow => ({
  ...row,
  isFollowing: Boolean(row.isFollowing),
});

/** The thread with this id in this workspace; undefined otherwise. */
export async function findThread(
  db: Executor,
  workspaceId: string,
  personId: string,
  threadId: string,
): Promise<ThreadWithFollow | undefined> {
  const row = await selectThreads(db, workspaceId, personId).where('t.id', '=', threadId).executeTakeFirst();
  return row && withBoolean(row);
}

/** A channel's threads, latest activity first. */
export async function listThreads(
  db: Executor,
  workspaceId: string,
  personId: string,
  channelId: string,
  page: PageRequest,
): Promise<ThreadWithFollow[]> {
  let query = selectThreads(db, workspaceId, personId).where('t.channelId', '=', channelId);
  const after = page.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([
        eb('t.lastPostAt', '<', key),
        eb.and([eb('t.lastPostAt', '=', key), eb('t.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('t.lastPostAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map(withBoolean);
}

/** Inserts a thread. */
export async function insertThread(db: Executor, row: ThreadRow): Promise<void> {
  await db.insertInto('threads').values(row).execute();
}

/** Renames a thread. */
export async function renameThread(db: Executor, threadId: string, title: string): Promise<void> {
  await db.updateTable('threads').set({ title }).where('id', '=', threadId).execute();
}

/** Moves a thread's last activity forward to `at` (never back). */
export async function touchThread(db: Executor, threadId: string, at: number): Promise<void> {
  await db
    .updateTable('threads')
    .set({ lastPostAt: at })
    .where('id', '=', threadId)
    .where('lastPostAt', '<', at)
    .execute();
}

/** Makes people follow a thread; those already following stay as they were. */
export async function addFollowers(
  db: Executor,
  threadId: string,
  personIds: readonly string[],
  at: number,
): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('threadFollowers')
    .values(unique.map((personId) => ({ threadId, personId, createdAt: at })))
    .onConflict((oc) => oc.columns(['threadId', 'personId']).doNothing())
    .execute();
}

/** Stops a person following a thread. */
export async function removeFollower(db: Executor, threadId: string, personId: string): Promise<void> {
  await db
    .deleteFrom('threadFollowers')
    .where('threadId', '=', threadId)
    .where('personId', '=', personId)
    .execute();
}
