import { precompile } from '../../shared/precompiled-query.repository.js';
import type { ChannelRow } from '../../shared/database.js';
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

/**
 * Posts of one thread created from `from` to `to` (epoch ms, both included): the relations of a page of
 * posts are read by this range of the `(thread_id, created_at, id)` index rather than by a list of ids.
 * The range may hold more posts than asked about (others created in the same millisecond at its ends);
 * callers keep the rows of the posts they asked about. A thread lies in one workspace: the range is read
 * by thread alone (so that the thread's index, not the workspace's, serves it), and `workspaceId` scopes
 * the posts at the other end of links.
 */
export interface PostRange {
  workspaceId: string;
  threadId: string;
  from: number;
  to: number;
}

const selectMentionsInRange = precompile((db, threadId: string, from: number, to: number) =>
  db
    .selectFrom('posts as p')
    .innerJoin('postMentions as m', 'm.postId', 'p.id')
    .select(['m.postId', 'm.personId'])
    .where('p.threadId', '=', threadId)
    .where('p.createdAt', '>=', from)
    .where('p.createdAt', '<=', to)
    .orderBy('m.postId')
    .orderBy('m.personId'),
);

/** The people each post of the range mentions, by post, then person. */
export async function findMentionsInRange(
  db: Executor,
  range: PostRange,
): Promise<{ postId: string; personId: string }[]> {
  const { threadId, from, to } = range;
  return (await selectMentionsInRange(db, threadId, from, to)).rows;
}

const selectReactionsInRange = precompile(
  (db, threadId: string, from: number, to: number, readerId: string) =>
    db
      .selectFrom('posts as p')
      .innerJoin('reactions as r', 'r.postId', 'p.id')
      .select(['r.postId', 'r.emoji'])
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.max(eb.case().when('r.personId', '=', readerId).then(1).else(0).end()).as('mine'),
      ])
      .where('p.threadId', '=', threadId)
      .where('p.createdAt', '>=', from)
      .where('p.createdAt', '<=', to)
      .groupBy(['r.postId', 'r.emoji'])
      .orderBy('r.postId')
      .orderBy('r.emoji'),
);

/** Reaction counts of each post of the range, by emoji. */
export async function countReactionsInRange(
  db: Executor,
  range: PostRange,
  readerId: string,
): Promise<ReactionCount[]> {
  const { threadId, from, to } = range;
  const { rows } = await selectReactionsInRange(db, threadId, from, to, readerId);
  return rows.map((r) => ({
    postId: r.postId,
    emoji: r.emoji,
    count: Number(r.count),
    reactedByMe: Number(r.mine) === 1,
  }));
}

// A link is shown when its other end is a post in a channel the reader may read: one they are a member
// of, or one whose visibility is `openVisibility` ('public' for members, admins and owners; null, which
// matches no channel, for guests). As `listReadableChannelIds`, joined instead of listed.
const selectLinksInRange = precompile(
  (
    db,
    workspaceId: string,
    threadId: string,
    from: number,
    to: number,
    readerId: string,
    openVisibility: ChannelRow['visibility'] | null,
  ) => {
    const fromRange = (end: 'l.postId' | 'l.buildsOnPostId', other: 'l.postId' | 'l.buildsOnPostId') =>
      db
        .selectFrom('posts as p')
        .innerJoin('postLinks as l', end, 'p.id')
        .innerJoin('posts as o', 'o.id', other)
        .innerJoin('threads as t', 't.id', 'o.threadId')
        .innerJoin('channels as c', 'c.id', 't.channelId')
        .leftJoin('channelMembers as cm', (join) =>
          join.onRef('cm.channelId', '=', 'c.id').on('cm.personId', '=', readerId),
        )
        .select(['l.postId', 'l.buildsOnPostId'])
        .where('p.threadId', '=', threadId)
        .where('p.createdAt', '>=', from)
        .where('p.createdAt', '<=', to)
        .where('l.workspaceId', '=', workspaceId)
        .where('c.workspaceId', '=', workspaceId)
        .where((eb) => eb.or([eb('cm.personId', 'is not', null), eb('c.visibility', '=', openVisibility)]));
    return fromRange('l.postId', 'l.buildsOnPostId')
      .union(fromRange('l.buildsOnPostId', 'l.postId'))
      .orderBy('postId')
      .orderBy('buildsOnPostId');
  },
);

/**
 * The links touching posts of the range in either direction whose other end is a post the reader may
 * read (`includePublic`: whether public channels are readable without membership, false for guests), so
 * a reader never learns of posts in channels hidden from them.
 */
export async function findLinksInRange(
  db: Executor,
  range: PostRange,
  reader: { personId: string; includePublic: boolean },
): Promise<Link[]> {
  const { workspaceId, threadId, from, to } = range;
  const open = reader.includePublic ? 'public' : null;
  return (await selectLinksInRange(db, workspaceId, threadId, from, to, reader.personId, open)).rows;
}

// Links touching posts of the range whose other end is a post of a thread in another channel.
const selectLinkBeyondChannel = precompile(
  (db, threadId: string, from: number, to: number, channelId: string) => {
    const fromRange = (end: 'l.postId' | 'l.buildsOnPostId', other: 'l.postId' | 'l.buildsOnPostId') =>
      db
        .selectFrom('posts as p')
        .innerJoin('postLinks as l', end, 'p.id')
        .innerJoin('posts as o', 'o.id', other)
        .innerJoin('threads as t', 't.id', 'o.threadId')
        .select('l.postId')
        .where('p.threadId', '=', threadId)
        .where('p.createdAt', '>=', from)
        .where('p.createdAt', '<=', to)
        .where('t.channelId', '<>', channelId);
    return fromRange('l.postId', 'l.buildsOnPostId')
      .union(fromRange('l.buildsOnPostId', 'l.postId'))
      .limit(1);
  },
);

/**
 * Whether a post of the range builds on, or is built on by, a post in a channel other than `channelId`
 * (the thread's), whether or not the reader may see it: then which links a reader sees depends on their
 * access to that other channel, not only on their access to this thread.
 */
export async function hasLinkBeyondChannel(
  db: Executor,
  range: PostRange,
  channelId: string,
): Promise<boolean> {
  const { threadId, from, to } = range;
  return (await selectLinkBeyondChannel(db, threadId, from, to, channelId)).rows.length > 0;
}
