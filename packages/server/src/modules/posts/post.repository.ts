import type { Kysely } from 'kysely';
import type { Database, PostRow, PostVersionRow } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';
import { precompile } from '../../shared/precompiled-query.repository.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** A post with the channel of its thread, which decides who may see it. */
export type PostWithChannel = PostRow & { channelId: string };

/** What a view of a post is made of (see post-view.ts). */
export type ViewablePost = Omit<PostWithChannel, 'workspaceId' | 'deletedBy'>;

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

const viewedColumns = [
  'id',
  'authorId',
  'markdown',
  'html',
  'version',
  'createdAt',
  'editedAt',
  'deletedAt',
] as const;

const selectFirstPostsOfThread = precompile((db, workspaceId: string, threadId: string, limit: number) =>
  db
    .selectFrom('posts')
    .select(viewedColumns)
    .where('workspaceId', '=', workspaceId)
    .where('threadId', '=', threadId)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(limit),
);

const selectPostsOfThreadAfter = precompile(
  (db, workspaceId: string, threadId: string, afterKey: number, afterId: string, limit: number) =>
    db
      .selectFrom('posts')
      .select(viewedColumns)
      .where('workspaceId', '=', workspaceId)
      .where('threadId', '=', threadId)
      .where((eb) =>
        eb.or([
          eb('createdAt', '>', afterKey),
          eb.and([eb('createdAt', '=', afterKey), eb('id', '>', afterId)]),
        ]),
      )
      .orderBy('createdAt')
      .orderBy('id')
      .limit(limit),
);

/** A thread's posts, oldest first, with the thread's channel (which every post shares). */
export async function listPosts(
  db: Executor,
  workspaceId: string,
  thread: { id: string; channelId: string },
  page: PageRequest,
): Promise<ViewablePost[]> {
  const after = page.after;
  const { rows } = after
    ? await selectPostsOfThreadAfter(db, workspaceId, thread.id, Number(after.key), after.id, page.limit)
    : await selectFirstPostsOfThread(db, workspaceId, thread.id, page.limit);
  const threadId = thread.id;
  const channelId = thread.channelId;
  return rows.map((r) => ({
    id: r.id,
    threadId,
    channelId,
    authorId: r.authorId,
    markdown: r.markdown,
    html: r.html,
    version: r.version,
    createdAt: r.createdAt,
    editedAt: r.editedAt,
    deletedAt: r.deletedAt,
  }));
}

const insertPostRow = precompile(
  (
    db,
    id: string,
    workspaceId: string,
    threadId: string,
    authorId: string,
    markdown: string,
    html: string,
    version: number,
    createdAt: number,
    editedAt: number | null,
    deletedAt: number | null,
    deletedBy: string | null,
  ) =>
    db.insertInto('posts').values({
      id,
      workspaceId,
      threadId,
      authorId,
      markdown,
      html,
      version,
      createdAt,
      editedAt,
      deletedAt,
      deletedBy,
    }),
);

const insertVersionRow = precompile(
  (
    db,
    postId: string,
    version: number,
    markdown: string,
    html: string,
    editedBy: string,
    createdAt: number,
  ) => db.insertInto('postVersions').values({ postId, version, markdown, html, editedBy, createdAt }),
);

/** Inserts a post and its first version. */
export async function insertPost(db: Executor, row: PostRow): Promise<void> {
  const { id, workspaceId, threadId, authorId, markdown, html, version, createdAt } = row;
  await insertPostRow(
    db,
    id,
    workspaceId,
    threadId,
    authorId,
    markdown,
    html,
    version,
    createdAt,
    row.editedAt,
    row.deletedAt,
    row.deletedBy,
  );
  await insertVersion(db, { postId: id, version, markdown, html, editedBy: authorId, createdAt });
}

/** Records one version of a post's text. */
export async function insertVersion(db: Executor, row: PostVersionRow): Promise<void> {
  const { postId, version, markdown, html, editedBy, createdAt } = row;
  await insertVersionRow(db, postId, version, markdown, html, editedBy, createdAt);
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

/** A post's versions, oldest first, after the page's version (its keyset's `key`). */
export function listVersions(db: Executor, postId: string, page: PageRequest): Promise<PostVersionRow[]> {
  let query = db.selectFrom('postVersions').selectAll().where('postId', '=', postId);
  if (page.after) query = query.where('version', '>', Number(page.after.key));
  return query.orderBy('version').limit(page.limit).execute();
}
