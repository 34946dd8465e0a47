import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// PostgreSQL only: index the words of a text with its punctuation replaced by spaces, instead of the text.
// PostgreSQL's default text parser tries every punctuation mark as the start of a URL, e-mail address, file
// path, host or hyphenated word, and on some runs it is quadratic: `to_tsvector('simple', repeat('a_',
// 15000))` takes about 8 s, `repeat('a-b.', 10000)` seconds more, and an insert or edit of such a post held
// its connection that long. Without punctuation the parser sees only words and spaces (10-20 ms for the
// worst 40,000 characters measured). It also makes PostgreSQL split words as SQLite's FTS5 unicode61
// tokenizer does: `example.com`, `3.14` and `a-b` are now found by their parts on both databases, where
// PostgreSQL used to index them as one host, number or hyphenated word.
//
// The expression must be the one `platform/db/full-text.ts` queries with, character for character, or the
// planner cannot use the index. SQLite is unchanged (FTS5 already treats punctuation as a separator).

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const words = (column: string) =>
  sql.raw(`to_tsvector('simple', regexp_replace(${column}, '[[:punct:]]+', ' ', 'g'))`);

/** Reindexes posts and thread titles on their words without punctuation. */
export async function up(db: Db): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index posts_search_idx`.execute(db);
  await sql`drop index threads_search_idx`.execute(db);
  await sql`create index posts_search_words_idx on posts using gin (${words('markdown')})`.execute(db);
  await sql`create index threads_search_words_idx on threads using gin (${words('title')})`.execute(db);
}

/** Indexes the texts as they are again. */
export async function down(db: Db): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index threads_search_words_idx`.execute(db);
  await sql`drop index posts_search_words_idx`.execute(db);
  await sql`create index posts_search_idx on posts using gin (to_tsvector('simple', markdown))`.execute(db);
  await sql`create index threads_search_idx on threads using gin (to_tsvector('simple', title))`.execute(db);
}
