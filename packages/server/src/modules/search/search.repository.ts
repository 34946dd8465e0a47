import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../../shared/database.js';
import type { Keyset } from '../../shared/keyset-page.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/**
 * The dialect-specific half of search (FTS5 on SQLite, tsvector on PostgreSQL), implemented in
 * `platform/db/full-text.ts` and handed to the search module by `buildApp`: the module never learns which
 * database runs underneath. Terms are words from `parseSearchTerms`; every one must match.
 */
export interface FullTextSearch {
  /** A condition on `posts as p`: its markdown contains every term. */
  postsMatch(terms: readonly string[]): RawBuilder<boolean>;
  /** A condition on `threads as t`: its title contains every term. */
  threadsMatch(terms: readonly string[]): RawBuilder<boolean>;
  /** Highlights of the given posts' text, matched words between `\u0001` and `\u0002`. */
  highlightPosts(
    db: Executor,
    ids: readonly string[],
    terms: readonly string[],
  ): Promise<Map<string, string>>;
  /** Highlights of the given threads' titles, marked the same way. */
  highlightThreads(
    db: Executor,
    ids: readonly string[],
    terms: readonly string[],
  ): Promise<Map<string, string>>;
  /**
   * Where the index itself can list matches newest first (SQLite: FTS5 document ids grow with creation
   * time), a page of the newest matching posts, exactly what {@link searchPosts} returns otherwise, without
   * reading every match first. Absent where the generic query is as good (PostgreSQL).
   */
  newestPosts?(db: Executor, terms: readonly string[], filter: SearchFilter): Promise<SearchRow[]>;
  /** The same for thread titles ({@link searchThreads}). */
  newestThreads?(db: Executor, terms: readonly string[], filter: SearchFilter): Promise<SearchRow[]>;
}

/** What a search is limited to. */
export interface SearchFilter {
  workspaceId: string;
  /** Only these channels (those the caller may read, narrowed by `channelId`). */
  channelIds: readonly string[];
  authorId?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  /** Epoch milliseconds, exclusive. */
  to?: number;
  after?: Keyset;
  limit: number;
}

/** One row found, newest first. */
export interface SearchRow {
  kind: 'post' | 'thread';
  id: string;
  threadId: string;
  channelId: string;
  authorId: string;
  title: string;
  createdAt: number;
}

/** Posts matching the terms within the filter, newest first (at most `limit`). */
export async function searchPosts(
  db: Executor,
  fullText: FullTextSearch,
  terms: readonly string[],
  f: SearchFilter,
): Promise<SearchRow[]> {
  if (fullText.newestPosts) return fullText.newestPosts(db, terms, f);
  let query = db
    .selectFrom('posts as p')
    .innerJoin('threads as t', 't.id', 'p.threadId')
    .select(['p.id', 'p.threadId', 't.channelId', 'p.authorId', 't.title', 'p.createdAt'])
    .where('p.workspaceId', '=', f.workspaceId)
    .where('t.channelId', 'in', [...f.channelIds])
    .where('p.deletedAt', 'is', null)
    .where(fullText.postsMatch(terms));
  if (f.authorId !== undefined) query = query.where('p.authorId', '=', f.authorId);
  if (f.from !== undefined) query = query.where('p.createdAt', '>=', f.from);
  if (f.to !== undefined) query = query.where('p.createdAt', '<', f.to);
  const after = f.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([eb('p.createdAt', '<', key), eb.and([eb('p.createdAt', '=', key), eb('p.id', '<', after.id)])]),
    );
  }
  const rows = await query.orderBy('p.createdAt', 'desc').orderBy('p.id', 'desc').limit(f.limit).execute();
  return rows.map((row) => ({ kind: 'post' as const, ...row }));
}

/** Threads whose titles match the terms within the filter, newest first (at most `limit`). */
export async function searchThreads(
  db: Executor,
  fullText: FullTextSearch,
  terms: readonly string[],
  f: SearchFilter,
): Promise<SearchRow[]> {
  if (fullText.newestThreads) return fullText.newestThreads(db, terms, f);
  let query = db
    .selectFrom('threads as t')
    .select(['t.id', 't.channelId', 't.authorId', 't.title', 't.createdAt'])
    .where('t.workspaceId', '=', f.workspaceId)
    .where('t.channelId', 'in', [...f.channelIds])
    .where(fullText.threadsMatch(terms));
  if (f.authorId !== undefined) query = query.where('t.authorId', '=', f.authorId);
  if (f.from !== undefined) query = query.where('t.createdAt', '>=', f.from);
  if (f.to !== undefined) query = query.where('t.createdAt', '<', f.to);
  const after = f.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([eb('t.createdAt', '<', key), eb.and([eb('t.createdAt', '=', key), eb('t.id', '<', after.id)])]),
    );
  }
  const rows = await query.orderBy('t.createdAt', 'desc').orderBy('t.id', 'desc').limit(f.limit).execute();
  return rows.map((row) => ({ kind: 'thread' as const, threadId: row.id, ...row }));
}
