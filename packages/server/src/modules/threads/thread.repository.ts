import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ChannelRow, Database, ThreadRow } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';
import { precompile } from '../../shared/precompiled-query.repository.js';

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

/** A thread with whether the person follows it, and its channel with whether the person is a member. */
export interface ThreadInChannel {
  thread: ThreadWithFollow;
  channel: ChannelRow & { isMember: boolean };
  /**
   * `threads.page_version`: moves (in the writing transaction, by triggers) with every change to what a
   * page of the thread's posts shows; see migrations/2026-12-01T0900_thread_page_version.ts.
   */
  pageVersion: number;
}

const selectThreadInChannel = precompile((db, workspaceId: string, personId: string, threadId: string) =>
  db
    .selectFrom('threads as t')
    .innerJoin('channels as c', (join) =>
      join.onRef('c.id', '=', 't.channelId').onRef('c.workspaceId', '=', 't.workspaceId'),
    )
    .leftJoin('threadFollowers as f', (join) =>
      join.onRef('f.threadId', '=', 't.id').on('f.personId', '=', personId),
    )
    .leftJoin('channelMembers as m', (join) =>
      join.onRef('m.channelId', '=', 'c.id').on('m.personId', '=', personId),
    )
    .select(['t.id', 't.workspaceId', 't.channelId', 't.title', 't.authorId', 't.createdAt', 't.lastPostAt'])
    .select(['t.expiresAt', 't.homeChannelId'])
    .select((eb) => [
      eb('f.personId', 'is not', null).as('isFollowing'),
      'c.name as channelName',
      'c.nameNormalized as channelNameNormalized',
      'c.description as channelDescription',
      'c.visibility as channelVisibility',
      'c.createdBy as channelCreatedBy',
      'c.createdAt as channelCreatedAt',
      'c.archivedAt as channelArchivedAt',
      'c.isScratch as channelIsScratch',
      eb('m.personId', 'is not', null).as('isChannelMember'),
      sql<number>`${sql.ref('t.pageVersion')}`.as('pageVersion'),
    ])
    .where('t.workspaceId', '=', workspaceId)
    .where('t.id', '=', threadId),
);

/**
 * The thread with this id in this workspace and its channel, each with the person's follow and
 * membership, in one query; undefined when there is no such thread.
 */
export async function findThreadInChannel(
  db: Executor,
  workspaceId: string,
  personId: string,
  threadId: string,
): Promise<ThreadInChannel | undefined> {
  const row = (await selectThreadInChannel(db, workspaceId, personId, threadId)).rows[0];
  if (!row) return undefined;
  return {
    thread: {
      id: row.id,
      workspaceId: row.workspaceId,
      channelId: row.channelId,
      title: row.title,
      authorId: row.authorId,
      createdAt: row.createdAt,
      lastPostAt: row.lastPostAt,
      expiresAt: row.expiresAt ?? null,
      homeChannelId: row.homeChannelId ?? null,
      isFollowing: Boolean(row.isFollowing),
    },
    channel: {
      id: row.channelId,
      workspaceId: row.workspaceId,
      name: row.channelName,
      nameNormalized: row.channelNameNormalized,
      description: row.channelDescription,
      visibility: row.channelVisibility,
      createdBy: row.channelCreatedBy,
      createdAt: row.channelCreatedAt,
      archivedAt: row.channelArchivedAt,
      isScratch: Number(row.channelIsScratch),
      isMember: Boolean(row.isChannelMember),
    },
    pageVersion: Number(row.pageVersion),
  };
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

const moveLastPostAt = precompile((db, threadId: string, at: number) =>
  db.updateTable('threads').set({ lastPostAt: at }).where('id', '=', threadId).where('lastPostAt', '<', at),
);

/** Moves a thread's last activity forward to `at` (never back). */
export async function touchThread(db: Executor, threadId: string, at: number): Promise<void> {
  await moveLastPostAt(db, threadId, at);
}

const insertFollower = precompile((db, threadId: string, personId: string, at: number) =>
  db
    .insertInto('threadFollowers')
    .values({ threadId, personId, createdAt: at })
    .onConflict((oc) => oc.columns(['threadId', 'personId']).doNothing()),
);

/** Makes people follow a thread; those already following stay as they were. */
export async function addFollowers(
  db: Executor,
  threadId: string,
  personIds: readonly string[],
  at: number,
): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  // One person (the author of a post) is the common case: a statement compiled once.
  if (unique.length === 1) {
    await insertFollower(db, threadId, unique[0]!, at);
    return;
  }
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

/** The ids of the people who follow a thread. */
export async function listFollowerIds(db: Executor, threadId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('threadFollowers')
    .select('personId')
    .where('threadId', '=', threadId)
    .execute();
  return rows.map((r) => r.personId);
}
