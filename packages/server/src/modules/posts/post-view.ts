import type { Caller } from '../../shared/caller.js';
import type { PostVersionRow } from '../../shared/database.js';
import { toIsoTime } from '../../shared/iso-time.js';
import * as relations from './post-relation.repository.js';
import type { Executor, ViewablePost } from './post.repository.js';

/** A post as the API shows it to one reader. */
export interface PostView {
  id: string;
  threadId: string;
  channelId: string;
  authorId: string;
  markdown: string;
  html: string;
  /** Starts at 1 and grows with each edit; the `ETag` of the post, and what `If-Match` names. */
  version: number;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  mentions: string[];
  /** Earlier posts this one builds on, among those the reader may see. */
  buildsOn: string[];
  /** Later posts that build on this one, among those the reader may see. */
  builtOnBy: string[];
  reactions: { emoji: string; count: number; reactedByMe: boolean }[];
}

/** One version of a post's text. */
export interface PostVersionView {
  version: number;
  markdown: string;
  html: string;
  editedBy: string;
  createdAt: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : toIsoTime(ms));

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function toView(
  p: ViewablePost,
  mentions: string[],
  buildsOn: string[],
  builtOnBy: string[],
  reactions: PostView['reactions'],
): PostView {
  const deleted = p.deletedAt !== null;
  return {
    id: p.id,
    threadId: p.threadId,
    channelId: p.channelId,
    authorId: p.authorId,
    markdown: p.markdown,
    html: p.html,
    version: p.version,
    createdAt: toIsoTime(p.createdAt),
    editedAt: iso(p.editedAt),
    deleted,
    mentions: deleted ? [] : mentions,
    buildsOn,
    builtOnBy,
    reactions,
  };
}

/**
 * The views of posts of one thread the reader may see (a page, or one post), with mentions, lineage and
 * reactions fetched in three queries over the range of creation times the posts span. Lineage is limited
 * to posts the reader may see too.
 */
export async function buildPostViews(
  db: Executor,
  caller: Caller,
  posts: readonly ViewablePost[],
): Promise<PostView[]> {
  if (posts.length === 0) return [];
  const threadId = posts[0]!.threadId;
  let from = posts[0]!.createdAt;
  let to = from;
  for (const p of posts) {
    if (p.threadId !== threadId) throw new Error('buildPostViews: posts of one thread only');
    if (p.createdAt < from) from = p.createdAt;
    if (p.createdAt > to) to = p.createdAt;
  }
  const range = { workspaceId: caller.workspaceId, threadId, from, to };
  const reader = { personId: caller.personId, includePublic: caller.role !== 'guest' };
  const [mentions, links, reactions] = await Promise.all([
    relations.findMentionsInRange(db, range),
    relations.findLinksInRange(db, range, reader),
    relations.countReactionsInRange(db, range, caller.personId),
  ]);
  const mentionsOf = new Map<string, string[]>();
  for (const m of mentions) push(mentionsOf, m.postId, m.personId);
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const l of links) {
    push(outgoing, l.postId, l.buildsOnPostId);
    push(incoming, l.buildsOnPostId, l.postId);
  }
  const reactionsOf = new Map<string, PostView['reactions']>();
  for (const { postId, emoji, count, reactedByMe } of reactions)
    push(reactionsOf, postId, { emoji, count, reactedByMe });
  return posts.map((p) =>
    toView(
      p,
      mentionsOf.get(p.id) ?? [],
      outgoing.get(p.id) ?? [],
      incoming.get(p.id) ?? [],
      reactionsOf.get(p.id) ?? [],
    ),
  );
}

/**
 * The view of a post just written in this transaction, from what was written: nobody can have reacted
 * to it or built on it yet, and `mentions` and `buildsOn` are the validated lists it was written with.
 */
export function newPostView(
  post: ViewablePost,
  mentions: readonly string[] | undefined,
  buildsOn: readonly string[] | undefined,
): PostView {
  // In the order the queries above return them: by id (ids are ASCII, so code-unit order is byte order).
  const sorted = (ids: readonly string[] | undefined) => (ids ? [...new Set(ids)].sort() : []);
  return toView(post, sorted(mentions), sorted(buildsOn), [], []);
}

/** The view of one version. */
export function toVersionView(v: PostVersionRow): PostVersionView {
  return {
    version: v.version,
    markdown: v.markdown,
    html: v.html,
    editedBy: v.editedBy,
    createdAt: toIsoTime(v.createdAt),
  };
}
