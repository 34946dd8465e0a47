import type { Executor } from './post.repository.js';

/** `postId` builds on `buildsOnPostId`. */
export interface Link {
  postId: string;
  buildsOnPostId: string;
}

/** How many people reacted to a post with one emoji, and whether the reader is one of them. */
export interface ReactionCount {
  postId: string;
  emoji: string;
  count: number;
  reactedByMe: boolean;
}

/** Replaces the people a post mentions. */
export async function replaceMentions(
  db: Executor,
  postId: string,
  personIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('postMentions').where('postId', '=', postId).execute();
  const unique = [...new Set(personIds)];
  if (unique.length > 0) {
    await db
      .insertInto('postMentions')
      .values(unique.map((personId) => ({ postId, personId })))
      .execute();
  }
}

/** The people each post mentions. */
export async function findMentions(db: Executor, postIds: readonly string[]) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('postMentions')
    .selectAll()
    .where('postId', 'in', [...postIds])
    .orderBy('personId')
    .execute();
}

/** Replaces what a post builds on. */
export async function replaceLinks(
  db: Executor,
  workspaceId: string,
  postId: string,
  buildsOn: readonly string[],
  at: number,
): Promise<void> {
  await db.deleteFrom('postLinks').where('postId', '=', postId).execute();
  const unique = [...new Set(buildsOn)];
  if (unique.length > 0) {
    await db
      .insertInto('postLinks')
      .values(unique.map((buildsOnPostId) => ({ workspaceId, postId, buildsOnPostId, createdAt: at })))
      .execute();
  }
}

/**
 * The links touching `postIds` in either direction whose other end is a post in one of `channelIds`, so a
 * reader never learns of posts in channels hidden from them.
 */
export async function findLinks(
  db: Executor,
  workspaceId: string,
  postIds: readonly string[],
  channelIds: readonly string[],
): Promise<Link[]> {
  if (postIds.length === 0 || channelIds.length === 0) return [];
  const ids = [...postIds];
  const channels = [...channelIds];
  const outgoing = db
    .selectFrom('postLinks as l')
    .innerJoin('posts as o', 'o.id', 'l.buildsOnPostId')
    .innerJoin('threads as t', 't.id', 'o.threadId')
    .select(['l.postId', 'l.buildsOnPostId'])
    .where('l.workspaceId', '=', workspaceId)
    .where('l.postId', 'in', ids)
    .where('t.channelId', 'in', channels);
  const incoming = db
    .selectFrom('postLinks as l')
    .innerJoin('posts as o', 'o.id', 'l.postId')
    .innerJoin('threads as t', 't.id', 'o.threadId')
    .select(['l.postId', 'l.buildsOnPostId'])
    .where('l.workspaceId', '=', workspaceId)
    .where('l.buildsOnPostId', 'in', ids)
    .where('t.channelId', 'in', channels);
  return outgoing.union(incoming).orderBy('postId').orderBy('buildsOnPostId').execute();
}

/** Adds a reaction; adding it twice is a no-op. */
export async function addReaction(db: Executor, postId: string, personId: string, emoji: string, at: number) {
  await db
    .insertInto('reactions')
    .values({ postId, personId, emoji, createdAt: at })
    .onConflict((oc) => oc.columns(['postId', 'personId', 'emoji']).doNothing())
    .execute();
}

/** Removes a reaction; removing a missing one is a no-op. */
export async function removeReaction(db: Executor, postId: string, personId: string, emoji: string) {
  await db
    .deleteFrom('reactions')
    .where('postId', '=', postId)
    .where('personId', '=', personId)
    .where('emoji', '=', emoji)
    .execute();
}

/** Removes every reaction of a post (when it is deleted). */
export async function removeAllReactions(db: Executor, postId: string): Promise<void> {
  await db.deleteFrom('reactions').where('postId', '=', postId).execute();
}

/** Reaction counts of each post, by emoji. */
export async function countReactions(
  db: Executor,
  postIds: readonly string[],
  readerId: string,
): Promise<ReactionCount[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('reactions')
    .select(['postId', 'emoji'])
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.max(eb.case().when('personId', '=', readerId).then(1).else(0).end()).as('mine'),
    ])
    .where('postId', 'in', [...postIds])
    .groupBy(['postId', 'emoji'])
    .orderBy('postId')
    .orderBy('emoji')
    .execute();
  return rows.map((r) => ({
    postId: r.postId,
    emoji: r.emoji,
    count: Number(r.count),
    reactedByMe: Number(r.mine) === 1,
  }));
}
