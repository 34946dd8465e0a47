import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// SQLite only: FTS5 document ids that grow with creation time, so that search can walk an index's matches
// newest first (`order by rowid desc`) and stop after a page, instead of collecting every match and sorting
// it. A document's id is `created_at * 2^20 + n`, where n counts the documents created in the same
// millisecond (so `created_at = floor(id / 2^20)`, for any time before the year 2250). Posts and threads
// never change `created_at`, so ids never move. PostgreSQL is unchanged (its search sorts by `created_at`).
//
// The search tables are rebuilt: id map, FTS5 table and triggers, with the old contents reindexed.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const tables = [
  { table: 'post_search', source: 'posts', column: 'markdown' },
  { table: 'thread_search', source: 'threads', column: 'title' },
] as const;

/** `time`: ids from creation time (this migration); `sequence`: ids in insertion order (the previous one). */
async function rebuild(db: Db, table: string, source: string, column: string, ids: 'time' | 'sequence') {
  const map = `${table}_ids`;
  for (const suffix of ['ai', 'au', 'ad'])
    await sql.raw(`drop trigger if exists ${table}_${suffix}`).execute(db);
  await sql.raw(`drop table ${table}`).execute(db);
  await sql.raw(`drop table ${map}`).execute(db);
  await sql.raw(`create table ${map} (id integer primary key, source_id text not null unique)`).execute(db);
  await sql
    .raw(`create virtual table ${table} using fts5(body, tokenize = 'unicode61 remove_diacritics 0')`)
    .execute(db);
  const rowid = (ref: string): string => `(select id from ${map} where source_id = ${ref}.id)`;
  // The next free id of the new row's millisecond.
  const newId =
    ids === 'time'
      ? `coalesce((select max(id) + 1 from ${map} where id >= new.created_at * 1048576 and id < (new.created_at + 1) * 1048576), new.created_at * 1048576)`
      : 'null';
  await sql
    .raw(
      `create trigger ${table}_ai after insert on ${source} begin
         insert into ${map} (id, source_id) values (${newId}, new.id);
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
         delete from ${map} where source_id = old.id;
       end`,
    )
    .execute(db);
  const existingId =
    ids === 'time'
      ? 'created_at * 1048576 + row_number() over (partition by created_at order by id) - 1'
      : 'null';
  await sql
    .raw(`insert into ${map} (id, source_id) select ${existingId}, id from ${source} order by created_at, id`)
    .execute(db);
  await sql
    .raw(
      `insert into ${table} (rowid, body) select m.id, s.${column} from ${source} s join ${map} m on m.source_id = s.id`,
    )
    .execute(db);
}

/** Renumbers the SQLite search documents by creation time. */
export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) return;
  for (const { table, source, column } of tables) await rebuild(db, table, source, column, 'time');
}

/** Numbers them in insertion order again. */
export async function down(db: Db): Promise<void> {
  if (isPostgres(db)) return;
  for (const { table, source, column } of tables) await rebuild(db, table, source, column, 'sequence');
}
