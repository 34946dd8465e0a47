import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// A page of a thread's posts shows each post's asks (state and due time, in the asked person's zone and
// the reader's) and interrupt (modules/posts/post-view.ts). An ask changes without its post: answered,
// declined, acknowledged, its due time set on delivery or re-planned after a rhythm change. So, as in
// 2026-12-01T0900_thread_page_version.ts, triggers move `threads.page_version` in the same transaction:
// - an ask inserted or updated moves its thread's (old and new, once each);
// - a person's time zone changed moves the threads with asks in their workspaces, whose pages show due
//   times in the asked person's zone and in the reader's (rare: one bump per such thread). A person's
//   rhythm row is written with the person, before anyone can ask them or they read a page.
// An interrupt's reason is written with the post's deliveries in the transaction that inserts the post,
// whose own trigger moves the version; it never changes afterwards.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const bump = (where: string): string =>
  `update threads set page_version = page_version + 1 where id in (${where})`;

const askInserted = bump('select new.thread_id');
const askUpdated = bump('select old.thread_id union select new.thread_id');
const zoneChanged = bump(
  `select a.thread_id from asks a join memberships m on m.workspace_id = a.workspace_id
     where m.person_id = new.person_id`,
);

async function upSqlite(db: Db): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`create trigger asks_page_version_ai after insert on asks begin ${askInserted}; end`);
  await run(`create trigger asks_page_version_au after update on asks begin ${askUpdated}; end`);
  await run(
    `create trigger rhythms_page_version_au after update of time_zone on rhythms
       when old.time_zone is not new.time_zone begin ${zoneChanged}; end`,
  );
}

async function upPostgres(db: Db): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(
    `create function asks_page_version() returns trigger language plpgsql as $$
     begin
       if tg_op = 'INSERT' then ${askInserted};
       else ${askUpdated};
       end if;
       return null;
     end $$`,
  );
  await run(
    `create trigger asks_page_version after insert or update on asks
       for each row execute function asks_page_version()`,
  );
  await run(
    `create function rhythms_page_version() returns trigger language plpgsql as $$
     begin
       ${zoneChanged};
       return null;
     end $$`,
  );
  await run(
    `create trigger rhythms_page_version_au after update of time_zone on rhythms
       for each row when (old.time_zone is distinct from new.time_zone)
       execute function rhythms_page_version()`,
  );
}

/** Adds the triggers that move `threads.page_version` when an ask, or a person's time zone, changes. */
export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  if (isPostgres(db)) {
    await run('drop trigger rhythms_page_version_au on rhythms');
    await run('drop function rhythms_page_version()');
    await run('drop trigger asks_page_version on asks');
    await run('drop function asks_page_version()');
  } else {
    for (const name of ['rhythms_page_version_au', 'asks_page_version_au', 'asks_page_version_ai']) {
      await run(`drop trigger ${name}`);
    }
  }
}
