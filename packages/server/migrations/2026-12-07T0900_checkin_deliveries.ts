import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// A check-in's question reaches its participant as an inbox item: a delivery of kind `checkin`, held until
// their slot like any delivery and released by the same batched release jobs. Its `post_id` is the first
// post of the check-in's thread (the delivery links to that thread) and its `subject_id` the check-in ask
// (`checkin_asks.id`); other deliveries keep `subject_id = ''`. The unique key becomes (post, person,
// kind, subject): still one delivery per post and person and one reminder per ask (their subject is ''),
// and one check-in delivery per ask of a person, although every round of a check-in shares its thread.
//
// SQLite cannot change a check constraint in place: the table is rebuilt with the same columns.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const columns = [
  'id',
  'workspace_id',
  'person_id',
  'post_id',
  'thread_id',
  'channel_id',
  'author_id',
  'kind',
  'ask_id',
  'state',
  'release_at',
  'held_reason',
  'interrupt_reason',
  'is_emergency',
  'delivered_at',
  'done_at',
  'snoozed_until',
  'created_at',
].join(', ');

async function createTable(db: Db, name: string, kinds: string): Promise<void> {
  await db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ask_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('release_at', 'bigint')
    .addColumn('held_reason', 'text')
    .addColumn('interrupt_reason', 'text')
    .addColumn('is_emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delivered_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('snoozed_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('deliveries_state_check', sql`state in ('held', 'delivered', 'done')`)
    .addCheckConstraint('deliveries_kind_check', sql.raw(`kind in (${kinds})`))
    .execute();
}

async function createIndexes(db: Db, keyColumns: string[]): Promise<void> {
  await db.schema
    .createIndex('deliveries_post_person_idx')
    .on('deliveries')
    .columns(keyColumns)
    .unique()
    .execute();
  await db.schema
    .createIndex('deliveries_recipient_idx')
    .on('deliveries')
    .columns(['person_id', 'state', 'workspace_id'])
    .execute();
}

/** Rebuilds `deliveries` on SQLite with `kinds` allowed, copying every row (`subject_id` kept or ''). */
async function rebuildSqlite(db: Db, kinds: string, keyColumns: string[], keepSubject: boolean) {
  await createTable(db, 'deliveries_rebuilt', kinds);
  const subject = keepSubject ? 'subject_id' : "''";
  await sql
    .raw(
      `insert into deliveries_rebuilt (${columns}, subject_id) select ${columns}, ${subject} from deliveries`,
    )
    .execute(db);
  await db.schema.dropTable('deliveries').execute();
  await db.schema.alterTable('deliveries_rebuilt').renameTo('deliveries').execute();
  await createIndexes(db, keyColumns);
}

const newKinds = "'post', 'reminder', 'checkin'";
const newKey = ['post_id', 'person_id', 'kind', 'subject_id'];

/** Adds `deliveries.subject_id`, the kind `checkin`, and the subject to the unique key. */
export async function up(db: Db): Promise<void> {
  if (!isPostgres(db)) return rebuildSqlite(db, newKinds, newKey, false);
  await db.schema
    .alterTable('deliveries')
    .addColumn('subject_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('deliveries').dropConstraint('deliveries_kind_check').execute();
  await db.schema
    .alterTable('deliveries')
    .addCheckConstraint('deliveries_kind_check', sql.raw(`kind in (${newKinds})`))
    .execute();
  await db.schema.dropIndex('deliveries_post_person_idx').execute();
  await db.schema
    .createIndex('deliveries_post_person_idx')
    .on('deliveries')
    .columns(newKey)
    .unique()
    .execute();
}

/** Drops the check-in deliveries and restores the earlier table. */
export async function down(db: Db): Promise<void> {
  await db.deleteFrom('deliveries').where('kind', '=', 'checkin').execute();
  if (!isPostgres(db)) {
    // The rebuilt table has no subject_id: created as before, then the column is dropped by the copy.
    await rebuildSqlite(db, "'post', 'reminder'", newKey, true);
    await db.schema.dropIndex('deliveries_post_person_idx').execute();
    await db.schema.alterTable('deliveries').dropColumn('subject_id').execute();
    await db.schema
      .createIndex('deliveries_post_person_idx')
      .on('deliveries')
      .columns(['post_id', 'person_id', 'kind'])
      .unique()
      .execute();
    return;
  }
  await db.schema.dropIndex('deliveries_post_person_idx').execute();
  await db.schema.alterTable('deliveries').dropConstraint('deliveries_kind_check').execute();
  await db.schema
    .alterTable('deliveries')
    .addCheckConstraint('deliveries_kind_check', sql`kind in ('post', 'reminder')`)
    .execute();
  await db.schema.alterTable('deliveries').dropColumn('subject_id').execute();
  await db.schema
    .createIndex('deliveries_post_person_idx')
    .on('deliveries')
    .columns(['post_id', 'person_id', 'kind'])
    .unique()
    .execute();
}
