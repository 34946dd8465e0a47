import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { FullTextSearch, SearchFilter, SearchRow } from '../../modules/search/index.js';
import { markEnd, markStart } from '../../modules/search/index.js';
import type { Database } from '../../shared/database.js';
import type { DatabaseConfig } from '../config.js';

// The only code that knows how each database does full-text search (migrations/2026-11-26T1910_search.ts
// and 2026-11-28T1100_search_words_only.ts made the indexes). Terms arrive as words of letters and digits;
// each is still quoted as a literal.

const ftsPhrase = (term: string): string => `"${term.replace(/"/g, '""')}"`;
const ftsQuery = (terms: readonly string[]): string => terms.map(ftsPhrase).join(' ');
// Each word a quoted lexeme, all required: `'a' & 'b'`.
const tsQuery = (terms: readonly string[]): string =>
  terms.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ');

const sqliteSnippet = (table: string) =>
  sql.raw(`snippet(${table}, 0, char(1), char(2), '…', 24)`) as RawBuilder<string>;

async function sqliteHighlights(
  db: Kysely<Database>,
  table: 'post_search' | 'thread_search',
  ids: readonly string[],
  terms: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // The id map first, then each document by rowid: FTS5 checks the match on those rows only.
  const { rows } = await sql<{ sourceId: string; marked: string }>`
    select m.source_id, ${sqliteSnippet(table)} as marked
    from ${sql.table(`${table}_ids`)} m cross join ${sql.table(table)} on ${sql.table(table)}.rowid = m.id
    where m.source_id in (${sql.join([...ids])}) and ${sql.table(table)} match ${ftsQuery(terms)}`.execute(
    db,
  );
  return new Map(rows.map((r) => [r.sourceId, r.marked]));
}

// FTS5 document ids are `created_at * 2^20 + n` (migrations/2026-11-27T0900_search_time_order.ts), so the
// documents of one millisecond `ms` are exactly the ids in [ms * 2^20, (ms + 1) * 2^20). Bounds are computed
// by SQLite in 64-bit integers: they exceed 2^53.
const docId = (ms: number) => sql`(cast(${ms} as integer) * 1048576)`;

const byNewest = (a: SearchRow, b: SearchRow): number =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * A page of the newest visible matches, read from the index newest first: the FTS5 table is the outer loop
 * (`cross join` fixes the order), each match is joined to its row by primary key and dropped unless visible,
 * and SQLite stops at the limit. Rows of the same millisecond are ordered by id, which document ids do not
 * follow, so the rows sharing the last row's time are fetched in full and the page is sorted exactly.
 */
async function sqliteNewest(
  db: Kysely<Database>,
  kind: SearchRow['kind'],
  terms: readonly string[],
  f: SearchFilter,
): Promise<SearchRow[]> {
  const fts = sql.table(kind === 'post' ? 'post_search' : 'thread_search');
  const rowid = sql`${fts}.rowid`;
  const conditions = [sql`${fts} match ${ftsQuery(terms)}`];
  if (kind === 'post') {
    conditions.push(sql`p.workspace_id = ${f.workspaceId}`, sql`p.deleted_at is null`);
    if (f.authorId !== undefined) conditions.push(sql`p.author_id = ${f.authorId}`);
  } else {
    conditions.push(sql`t.workspace_id = ${f.workspaceId}`);
    if (f.authorId !== undefined) conditions.push(sql`t.author_id = ${f.authorId}`);
  }
  conditions.push(sql`t.channel_id in (${sql.join([...f.channelIds])})`);
  const createdAt = kind === 'post' ? sql.ref('p.created_at') : sql.ref('t.created_at');
  const id = kind === 'post' ? sql.ref('p.id') : sql.ref('t.id');
  if (f.from !== undefined)
    conditions.push(sql`${rowid} >= ${docId(f.from)}`, sql`${createdAt} >= ${f.from}`);
  if (f.to !== undefined) conditions.push(sql`${rowid} < ${docId(f.to)}`, sql`${createdAt} < ${f.to}`);
  if (f.after) {
    const key = Number(f.after.key);
    conditions.push(
      sql`${rowid} < ${docId(key + 1)}`,
      sql`(${createdAt} < ${key} or (${createdAt} = ${key} and ${id} < ${f.after.id}))`,
    );
  }
  const from =
    kind === 'post'
      ? sql`post_search cross join post_search_ids m on m.id = post_search.rowid
          cross join posts p on p.id = m.source_id cross join threads t on t.id = p.thread_id`
      : sql`thread_search cross join thread_search_ids m on m.id = thread_search.rowid
          cross join threads t on t.id = m.source_id`;
  const columns =
    kind === 'post'
      ? sql`p.id, p.thread_id, t.channel_id, p.author_id, t.title, p.created_at`
      : sql`t.id, t.id as thread_id, t.channel_id, t.author_id, t.title, t.created_at`;
  const select = async (extra: RawBuilder<unknown>[], limit?: number) =>
    (
      await sql<Omit<SearchRow, 'kind'>>`select ${columns} from ${from}
        where ${sql.join([...conditions, ...extra], sql` and `)}
        order by ${rowid} desc ${limit === undefined ? sql`` : sql`limit ${limit}`}`.execute(db)
    ).rows;
  let rows = await select([], f.limit);
  if (rows.length === f.limit && rows.length > 0) {
    const last = rows[rows.length - 1]!.createdAt;
    const sameTime = await select([sql`${rowid} >= ${docId(last)}`, sql`${rowid} < ${docId(last + 1)}`]);
    rows = [...rows.filter((r) => r.createdAt !== last), ...sameTime];
  }
  return rows
    .map((row) => ({ kind, ...row }))
    .sort(byNewest)
    .slice(0, f.limit);
}

function sqliteFullText(): FullTextSearch {
  const match = (table: string, ref: string, terms: readonly string[]) =>
    sql<boolean>`${sql.ref(ref)} in (select m.source_id from ${sql.table(table)} join ${sql.table(`${table}_ids`)} m
      on m.id = ${sql.table(table)}.rowid where ${sql.table(table)} match ${ftsQuery(terms)})`;
  return {
    postsMatch: (terms) => match('post_search', 'p.id', terms),
    threadsMatch: (terms) => match('thread_search', 't.id', terms),
    highlightPosts: (db, ids, terms) => sqliteHighlights(db, 'post_search', ids, terms),
    highlightThreads: (db, ids, terms) => sqliteHighlights(db, 'thread_search', ids, terms),
    newestPosts: (db, terms, filter) => sqliteNewest(db, 'post', terms, filter),
    newestThreads: (db, terms, filter) => sqliteNewest(db, 'thread', terms, filter),
  };
}

const headlineOptions = `StartSel=${markStart}, StopSel=${markEnd}, MaxWords=35, MinWords=15, MaxFragments=1`;

/**
 * The words PostgreSQL indexes (migrations/2026-11-28T1100_search_words_only.ts): the text with runs of
 * punctuation replaced by a space, because the text parser is quadratic on some punctuation runs. Queries
 * must repeat the index expression exactly for the planner to use the index.
 */
const words = (column: string) =>
  sql.raw(`to_tsvector('simple', regexp_replace(${column}, '[[:punct:]]+', ' ', 'g'))`);

// ts_headline reads what it is given with the full text parser, punctuation and all, so it gets a window of
// at most `headlineWindow` characters starting a little before the first match: enough for MaxWords, and
// bounded (≤ 5 ms on the slowest inputs, where a whole 40,000-character post took seconds).
const headlineWindow = 600;
const headlineLead = 200;
const regexLiteral = (term: string): string => term.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * Where (1-based) the first of the terms starts as a whole word in the lower-cased text; failing that (a
 * term joined to others by `_`, which PostgreSQL's regex counts as a letter), where it first occurs at all.
 */
const firstMatch = (column: RawBuilder<string>, terms: readonly string[]) => {
  const anyTerm = `^(.*?)\\m(${terms.map(regexLiteral).join('|')})\\M`;
  return sql<number>`coalesce(
    length((regexp_match(lower(${column}), ${anyTerm}))[1]) + 1,
    nullif(strpos(lower(${column}), ${terms[0] ?? ''}), 0),
    1)`;
};

async function postgresHighlights(
  db: Kysely<Database>,
  table: 'posts' | 'threads',
  column: 'markdown' | 'title',
  ids: readonly string[],
  terms: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const text = sql.ref<string>(column);
  const start = sql`greatest(1, ${firstMatch(text, terms)} - ${sql.lit(headlineLead)})`;
  const { rows } = await sql<{ id: string; marked: string }>`
    select id, ts_headline('simple', substr(${text}, ${start}, ${sql.lit(headlineWindow)}),
      to_tsquery('simple', ${tsQuery(terms)}), ${headlineOptions}) as marked
    from ${sql.table(table)} where id in (${sql.join([...ids])})`.execute(db);
  return new Map(rows.map((r) => [r.id, r.marked]));
}

function postgresFullText(): FullTextSearch {
  // The conditions use the index expressions of `words`, so the GIN indexes are used.
  return {
    postsMatch: (terms) => sql<boolean>`${words('p.markdown')} @@ to_tsquery('simple', ${tsQuery(terms)})`,
    threadsMatch: (terms) => sql<boolean>`${words('t.title')} @@ to_tsquery('simple', ${tsQuery(terms)})`,
    highlightPosts: (db, ids, terms) => postgresHighlights(db, 'posts', 'markdown', ids, terms),
    highlightThreads: (db, ids, terms) => postgresHighlights(db, 'threads', 'title', ids, terms),
  };
}

/** The full-text search of the database kind: FTS5 on SQLite, tsvector + GIN on PostgreSQL. */
export function createFullTextSearch(dialect: DatabaseConfig['kind']): FullTextSearch {
  return dialect === 'sqlite' ? sqliteFullText() : postgresFullText();
}
