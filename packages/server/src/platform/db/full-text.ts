import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { FullTextSearch } from '../../modules/search/index.js';
import { markEnd, markStart } from '../../modules/search/index.js';
import type { Database } from '../../shared/database.js';
import type { DatabaseConfig } from '../config.js';

// The only code that knows how each database does full-text search (migrations/2026-11-26T1910_search.ts
// made the indexes). Terms arrive as words of letters and digits; each is still quoted as a literal.

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
  const { rows } = await sql<{ sourceId: string; marked: string }>`
    select m.source_id, ${sqliteSnippet(table)} as marked
    from ${sql.table(table)} join ${sql.table(`${table}_ids`)} m on m.id = ${sql.table(table)}.rowid
    where ${sql.table(table)} match ${ftsQuery(terms)} and m.source_id in (${sql.join([...ids])})`.execute(
    db,
  );
  return new Map(rows.map((r) => [r.sourceId, r.marked]));
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
  };
}

const headlineOptions = `StartSel=${markStart}, StopSel=${markEnd}, MaxWords=35, MinWords=15, MaxFragments=1`;

async function postgresHighlights(
  db: Kysely<Database>,
  table: 'posts' | 'threads',
  column: 'markdown' | 'title',
  ids: readonly string[],
  terms: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: string; marked: string }>`
    select id, ts_headline('simple', ${sql.ref(column)}, to_tsquery('simple', ${tsQuery(terms)}), ${headlineOptions}) as marked
    from ${sql.table(table)} where id in (${sql.join([...ids])})`.execute(db);
  return new Map(rows.map((r) => [r.id, r.marked]));
}

function postgresFullText(): FullTextSearch {
  // The expressions repeat the migration's index expressions exactly, so the GIN indexes are used.
  return {
    postsMatch: (terms) =>
      sql<boolean>`to_tsvector('simple', p.markdown) @@ to_tsquery('simple', ${tsQuery(terms)})`,
    threadsMatch: (terms) =>
      sql<boolean>`to_tsvector('simple', t.title) @@ to_tsquery('simple', ${tsQuery(terms)})`,
    highlightPosts: (db, ids, terms) => postgresHighlights(db, 'posts', 'markdown', ids, terms),
    highlightThreads: (db, ids, terms) => postgresHighlights(db, 'threads', 'title', ids, terms),
  };
}

/** The full-text search of the database kind: FTS5 on SQLite, tsvector + GIN on PostgreSQL. */
export function createFullTextSearch(dialect: DatabaseConfig['kind']): FullTextSearch {
  return dialect === 'sqlite' ? sqliteFullText() : postgresFullText();
}
