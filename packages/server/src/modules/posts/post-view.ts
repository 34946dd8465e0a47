import { toLocal } from '@meanwhile/time';
import type { Caller } from '../../shared/caller.js';
import type { AskRow, PostVersionRow } from '../../shared/database.js';
import type { InstantView } from '../../shared/delivery-planner.js';
import { toIsoTime } from '../../shared/iso-time.js';
import * as asksAndInterrupts from './post-ask.repository.js';
import type { PostAsk } from './post-ask.repository.js';
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
  /**
   * The people the post asks for a reply, with the ask's state and due time (in the asked person's zone
   * and the reader's), shown to everyone who may read the post, as an assignment is (empty once deleted).
   */
  asks: PostAskView[];
  /** The reason and kind of the interrupt the post was sent as, for every reader; null otherwise. */
  interrupt: { reason: string; emergency: boolean } | null;
}

/** An ask on a post as its readers see it (not its decline reason or acknowledgement: those are the asker's). */
export interface PostAskView {
  id: string;
  personId: string;
  level: AskRow['level'];
  state: AskRow['state'];
  /** Null before the ask is delivered (its due time is counted from then), and for `fyi`. */
  dueAt: InstantView | null;
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

function local(timeZone: string, t: number) {
  const l = toLocal(timeZone, t);
  return { date: l.date, time: l.time, timeZone, utcOffsetMinutes: l.offsetMinutes };
}

/** An ask as a reader sees it: the due time in the asked person's (`theirs`) and the reader's (`mine`) zones. */
function toAskView(a: PostAsk): PostAskView {
  return {
    id: a.id,
    personId: a.personId,
    level: a.level,
    state: a.state,
    dueAt:
      a.dueAt === null
        ? null
        : {
            at: toIsoTime(a.dueAt),
            epochMs: a.dueAt,
            theirs: local(a.theirZone, a.dueAt),
            mine: local(a.myZone, a.dueAt),
          },
  };
}

interface Relations {
  mentions: string[];
  buildsOn: string[];
  builtOnBy: string[];
  reactions: PostView['reactions'];
  asks: PostAskView[];
  interrupt: PostView['interrupt'];
}

function toView(p: ViewablePost, r: Relations): PostView {
  const { mentions, buildsOn, builtOnBy, reactions, asks, interrupt } = r;
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
    asks: deleted ? [] : asks,
    interrupt,
  };
}

/**
 * The views of posts of one thread the reader may see (a page, or one post), with mentions, lineage,
 * reactions, asks and interrupts fetched in five queries over the range of creation times the posts span.
 * Lineage is limited to posts the reader may see too. Asks and interrupts are shown to every reader of
 * the post: who is asked, the ask's state and due time, and an interrupt's reason are part of the thread
 * (an ask's decline reason and acknowledgement stay the asker's).
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
  const [mentions, links, reactions, asks, interrupts] = await Promise.all([
    relations.findMentionsInRange(db, range),
    relations.findLinksInRange(db, range, reader),
    relations.countReactionsInRange(db, range, caller.personId),
    asksAndInterrupts.findAsksInRange(db, range, caller.personId),
    asksAndInterrupts.findInterruptsInRange(db, range),
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
  const asksOf = new Map<string, PostAskView[]>();
  for (const a of asks) push(asksOf, a.postId, toAskView(a));
  const interruptOf = new Map(
    interrupts.map(({ postId, reason, emergency }) => [postId, { reason, emergency }]),
  );
  return posts.map((p) =>
    toView(p, {
      mentions: mentionsOf.get(p.id) ?? [],
      buildsOn: outgoing.get(p.id) ?? [],
      builtOnBy: incoming.get(p.id) ?? [],
      reactions: reactionsOf.get(p.id) ?? [],
      asks: asksOf.get(p.id) ?? [],
      interrupt: interruptOf.get(p.id) ?? null,
    }),
  );
}

/**
 * The view of a post just written in this transaction, from what was written: nobody can have reacted
 * to it or built on it yet, and `mentions` and `buildsOn` are the validated lists it was written with.
 * Its asks and interrupt are planned after it is written: see {@link withAsksAndInterrupt}.
 */
export function newPostView(
  post: ViewablePost,
  mentions: readonly string[] | undefined,
  buildsOn: readonly string[] | undefined,
): PostView {
  // In the order the queries above return them: by id (ids are ASCII, so code-unit order is byte order).
  const sorted = (ids: readonly string[] | undefined) => (ids ? [...new Set(ids)].sort() : []);
  return toView(post, {
    mentions: sorted(mentions),
    buildsOn: sorted(buildsOn),
    builtOnBy: [],
    reactions: [],
    asks: [],
    interrupt: null,
  });
}

/**
 * A new post's view with the asks and interrupt its deliveries were planned with in this transaction
 * (two queries over the one post, as a page reads them).
 */
export async function withAsksAndInterrupt(db: Executor, caller: Caller, view: PostView): Promise<PostView> {
  const at = Date.parse(view.createdAt);
  const range = { workspaceId: caller.workspaceId, threadId: view.threadId, from: at, to: at };
  const [asks, interrupts] = await Promise.all([
    asksAndInterrupts.findAsksInRange(db, range, caller.personId),
    asksAndInterrupts.findInterruptsInRange(db, range),
  ]);
  const interrupt = interrupts.find((i) => i.postId === view.id);
  return {
    ...view,
    asks: asks.filter((a) => a.postId === view.id).map(toAskView),
    interrupt: interrupt ? { reason: interrupt.reason, emergency: interrupt.emergency } : null,
  };
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
