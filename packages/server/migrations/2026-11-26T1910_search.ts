import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Full-text search over post markdown and thread titles, the one place where the two databases need
// different DDL. Both sides tokenise without stemming (FTS5 unicode61, PostgreSQL's `simple` config) so
// that a query finds the same rows on either.
//
// SQLite: FTS5 tables keyed by an INTEGER PRIMARY KEY of a small id map, because the implicit rowid of
// `posts` (a text primary key) may be renumbered by VACUUM. Triggers keep them in sync on insert, edit,
// delete and tombstoning (a tombstone's markdown is '', so it indexes nothing).
// PostgreSQL: expression GIN indexes over to_tsvector('simple', …); no extra column to keep in sync.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

async function upSqlite(db: Db, table: string, source: string, column: string): Promise<void> {
  const ids = `${table}_ids`;
  await sql.raw(`create table ${ids} (id integer primary key, source_id text not null unique)`).execute(db);
  await sql
    .raw(`create virtual table ${table} using fts5(body, tokenize = 'unicode61 remove_diacritics 0')`)
    .execute(db);
  const rowid = (ref: string): string => `(select id from ${ids} where source_id = ${ref}.id)`;
  await sql
    .raw(
      `create trigger ${table}_ai after insert on ${source} begin
         insert into ${ids} (source_id) values (new.id);
         insert into ${table} (rowid, body) values (${rowid('new')}, new.${column});
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_au after update of ${column} on ${source} begin
         update ${table} set body = new.${column} where rowid = ${rowid('new')};
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_ad after delete on ${source} begin
         delete from ${table} where rowid = ${rowid('old')};
         delete from ${ids} where source_id = old.id;
       end`,
    )
    .execute(db);
  await sql
    .raw(`insert into ${ids} (source_id) select id from ${source} order by created_at, id`)
    .execute(db);
  await sql
    .raw(
      `insert into ${table} (rowid, body) select m.id, s.${column} from ${source} s join ${ids} m on m.source_id = s.id`,
    )
    .execute(db);
}

/** Creates the full-text indexes of posts and thread titles. */
export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index posts_search_idx on posts using gin (to_tsvector('simple', markdown))`.execute(db);
    await sql`create index threads_search_idx on threads using gin (to_tsvector('simple', title))`.execute(
      db,
    );
  } else {
    await upSqlite(db, 'post_search', 'posts', 'markdown');
    await upSqlite(db, 'thread_search', 'threads', 'title');
  }
  // Search results are filtered by author and ordered by time on both databases.
  await db.schema
    .createIndex('posts_workspace_created_idx')
    .on('posts')
    .columns(['workspace_id', 'created_at'])
    .execute();
}

/** Drops the full-text indexes. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('posts_workspace_created_idx').execute();
  if (isPostgres(db)) {
    await sql`drop index threads_search_idx`.execute(db);
    await sql`drop index posts_search_idx`.execute(db);
    return;
  }
  for (const table of ['post_search', 'thread_search']) {
    for (const suffix of ['ai', 'au', 'ad']) await sql.raw(`drop trigger ${table}_${suffix}`).execute(db);
    await sql.raw(`drop table ${table}`).execute(db);
    await sql.raw(`drop table ${table}_ids`).execute(db);
  }
}
