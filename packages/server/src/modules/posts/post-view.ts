import type { Caller } from '../../shared/caller.js';
import type { PostVersionRow } from '../../shared/database.js';
import * as relations from './post-relation.repository.js';
import type { Executor, PostWithChannel } from './post.repository.js';

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

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

/**
 * The views of posts the reader may see, with mentions, lineage and reactions fetched in three queries for
 * the whole page. `readableChannelIds` limits lineage to posts the reader may see too.
 */
export async function buildPostViews(
  db: Executor,
  caller: Caller,
  posts: readonly PostWithChannel[],
  readableChannelIds: readonly string[],
): Promise<PostView[]> {
  const ids = posts.map((p) => p.id);
  const [mentions, links, reactions] = await Promise.all([
    relations.findMentions(db, ids),
    relations.findLinks(db, caller.workspaceId, ids, readableChannelIds),
    relations.countReactions(db, ids, caller.personId),
  ]);
  const mentionsOf = groupBy(mentions, (m) => m.postId);
  const outgoing = groupBy(links, (l) => l.postId);
  const incoming = groupBy(links, (l) => l.buildsOnPostId);
  const reactionsOf = groupBy(reactions, (r) => r.postId);
  return posts.map((p) => {
    const deleted = p.deletedAt !== null;
    return {
      id: p.id,
      threadId: p.threadId,
      channelId: p.channelId,
      authorId: p.authorId,
      markdown: p.markdown,
      html: p.html,
      version: p.version,
      createdAt: new Date(p.createdAt).toISOString(),
      editedAt: iso(p.editedAt),
      deleted,
      mentions: deleted ? [] : (mentionsOf.get(p.id) ?? []).map((m) => m.personId),
      buildsOn: (outgoing.get(p.id) ?? []).map((l) => l.buildsOnPostId),
      builtOnBy: (incoming.get(p.id) ?? []).map((l) => l.postId),
      reactions: (reactionsOf.get(p.id) ?? []).map(({ emoji, count, reactedByMe }) => ({
        emoji,
        count,
        reactedByMe,
      })),
    };
  });
}

/** The view of one version. */
export function toVersionView(v: PostVersionRow): PostVersionView {
  return {
    version: v.version,
    markdown: v.markdown,
    html: v.html,
    editedBy: v.editedBy,
    createdAt: new Date(v.createdAt).toISOString(),
  };
}
