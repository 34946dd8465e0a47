import type { Kysely } from 'kysely';
import type { Database, PostRow, PostVersionRow } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** A post with the channel of its thread, which decides who may see it. */
export type PostWithChannel = PostRow & { channelId: string };

function selectPosts(db: Executor, workspaceId: string) {
  return db
    .selectFrom('posts as p')
    .innerJoin('threads as t', 't.id', 'p.threadId')
    .selectAll('p')
    .select('t.channelId')
    .where('p.workspaceId', '=', workspaceId);
}

/** The post with this id in this workspace; undefined otherwise. */
export function findPost(
  db: Executor,
  workspaceId: string,
  postId: string,
): Promise<PostWithChannel | undefined> {
  return selectPosts(db, workspaceId).where('p.id', '=', postId).executeTakeFirst();
}

/** Posts of the workspace among `ids` whose channel is one of `channelIds`. */
export async function findPostsIn(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  channelIds: readonly string[],
): Promise<PostWithChannel[]> {
  if (ids.length === 0 || channelIds.length === 0) return [];
  return selectPosts(db, workspaceId)
    .where('p.id', 'in', [...ids])
    .where('t.channelId', 'in', [...channelIds])
    .execute();
}

/** A thread's posts, oldest first. */
export async function listPosts(
  db: Executor,
  workspaceId: string,
  threadId: string,
  page: PageRequest,
): Promise<PostWithChannel[]> {
  let query = selectPosts(db, workspaceId).where('p.threadId', '=', threadId);
  const after = page.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([eb('p.createdAt', '>', key), eb.and([eb('p.createdAt', '=', key), eb('p.id', '>', after.id)])]),
    );
  }
  return query.orderBy('p.createdAt').orderBy('p.id').limit(page.limit).execute();
}

/** Inserts a post and its first version. */
export async function insertPost(db: Executor, row: PostRow): Promise<void> {
  await db.insertInto('posts').values(row).execute();
  await insertVersion(db, {
    postId: row.id,
    version: row.version,
    markdown: row.markdown,
    html: row.html,
    editedBy: row.authorId,
    createdAt: row.createdAt,
  });
}

/** Records one version of a post's text. */
export async function insertVersion(db: Executor, row: PostVersionRow): Promise<void> {
  await db.insertInto('postVersions').values(row).execute();
}

/**
 * Replaces a post's text if it is still at `fromVersion`; whether it was (false: someone edited it first).
 */
export async function updatePostText(
  db: Executor,
  postId: string,
  fromVersion: number,
  change: Pick<PostRow, 'markdown' | 'html' | 'editedAt'>,
): Promise<boolean> {
  const result = await db
    .updateTable('posts')
    .set({ ...change, version: fromVersion + 1 })
    .where('id', '=', postId)
    .where('version', '=', fromVersion)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Turns a post into a tombstone: its text and every earlier version are gone. */
export async function tombstonePost(
  db: Executor,
  postId: string,
  deletedBy: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('posts')
    .set({ markdown: '', html: '', deletedAt: at, deletedBy })
    .where('id', '=', postId)
    .execute();
  await db.deleteFrom('postVersions').where('postId', '=', postId).execute();
}

/** Every version of a post, oldest first. */
export function listVersions(db: Executor, postId: string): Promise<PostVersionRow[]> {
  return db.selectFrom('postVersions').selectAll().where('postId', '=', postId).orderBy('version').execute();
}
