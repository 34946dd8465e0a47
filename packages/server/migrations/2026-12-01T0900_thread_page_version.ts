import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// threads.page_version: a counter that grows, in the same transaction, with every write that changes what
// a page of the thread's posts shows: a post written, edited, tombstoned or removed; a reaction, mention or
// buildsOn link added or removed (a link moves the versions of the threads at both of its ends); the
// thread moved to another channel (which also moves the threads its posts are linked with, whose lineage
// visibility follows the channel). Triggers, not the services, keep it: no write path (present or
// future, or a row changed by hand) can forget it. A process may keep a serialized page while the
// version it was built at is still the thread's (modules/posts/post-page.ts); another process's write
// moves the version in the database, so the check holds across processes.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const bump = (where: string): string =>
  `update threads set page_version = page_version + 1 where id in (${where})`;
const threadOfPost = (ref: string): string => `select thread_id from posts where id = ${ref}`;
// The threads at the other end of links touching the posts of thread `ref`.
const linkedThreads = (ref: string): string =>
  `select o.thread_id from posts p join post_links l on l.post_id = p.id join posts o on o.id = l.builds_on_post_id
     where p.thread_id = ${ref}
   union
   select o.thread_id from posts p join post_links l on l.builds_on_post_id = p.id join posts o on o.id = l.post_id
     where p.thread_id = ${ref}`;

/** Per table, the threads a changed row touches, as a subquery over the trigger's `old` or `new` row. */
const touched: Record<string, (row: 'old' | 'new') => string> = {
  posts: (row) => `select ${row}.thread_id`,
  reactions: (row) => threadOfPost(`${row}.post_id`),
  post_mentions: (row) => threadOfPost(`${row}.post_id`),
  post_links: (row) => `select thread_id from posts where id in (${row}.post_id, ${row}.builds_on_post_id)`,
};

// An update bumps the threads of the old and the new row once each (the same thread once).
const onInsert = (t: string) => bump(touched[t]!('new'));
const onUpdate = (t: string) => bump(`${touched[t]!('old')} union ${touched[t]!('new')}`);
const onDelete = (t: string) => bump(touched[t]!('old'));

const moved = (ref: string): string => bump(`select ${ref}.id union ${linkedThreads(`${ref}.id`)}`);

async function upSqlite(db: Db): Promise<void> {
  for (const table of Object.keys(touched)) {
    const trigger = (name: string, event: string, body: string) =>
      sql.raw(`create trigger ${table}_page_version_${name} after ${event} on ${table} begin ${body}; end`);
    await trigger('ai', 'insert', onInsert(table)).execute(db);
    await trigger('au', 'update', onUpdate(table)).execute(db);
    await trigger('ad', 'delete', onDelete(table)).execute(db);
  }
  await sql
    .raw(
      `create trigger threads_page_version_moved after update of channel_id on threads
         when old.channel_id is not new.channel_id begin ${moved('new')}; end`,
    )
    .execute(db);
}

async function upPostgres(db: Db): Promise<void> {
  for (const table of Object.keys(touched)) {
    await sql
      .raw(
        `create function ${table}_page_version() returns trigger language plpgsql as $$
         begin
           if tg_op = 'INSERT' then ${onInsert(table)};
           elsif tg_op = 'UPDATE' then ${onUpdate(table)};
           else ${onDelete(table)};
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_page_version after insert or update or delete on ${table}
           for each row execute function ${table}_page_version()`,
      )
      .execute(db);
  }
  await sql
    .raw(
      `create function threads_page_version_moved() returns trigger language plpgsql as $$
       begin
         ${moved('new')};
         return null;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger threads_page_version_moved after update of channel_id on threads
         for each row when (old.channel_id is distinct from new.channel_id)
         execute function threads_page_version_moved()`,
    )
    .execute(db);
}

/** Adds `threads.page_version` and the triggers that move it. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('threads')
    .addColumn('page_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  const tables = Object.keys(touched);
  if (isPostgres(db)) {
    await sql.raw('drop trigger threads_page_version_moved on threads').execute(db);
    await sql.raw('drop function threads_page_version_moved()').execute(db);
    for (const table of tables) {
      await sql.raw(`drop trigger ${table}_page_version on ${table}`).execute(db);
      await sql.raw(`drop function ${table}_page_version()`).execute(db);
    }
  } else {
    await sql.raw('drop trigger threads_page_version_moved').execute(db);
    for (const table of tables) {
      for (const name of ['ai', 'au', 'ad']) {
        await sql.raw(`drop trigger ${table}_page_version_${name}`).execute(db);
      }
    }
  }
  await db.schema.alterTable('threads').dropColumn('page_version').execute();
}
