import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Deliveries (one post reaching one recipient: held → delivered → done), asks (a named person's reply
// requested with a level and a due time in their working time), and the weekly interruption counters.
//
// deliveries: `release_at` is null while the recipient has no delivery slot within 400 days (`held_reason`
// says so). A post has at most one delivery per recipient, and an ask at most one reminder.
// interrupt_weeks: one row per sender and week, counted up with a conditional upsert, so that two
// interrupts sent at once cannot both spend the last one of a budget.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

async function createDeliveries(db: Db): Promise<void> {
  await db.schema
    .createTable('deliveries')
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
    .addCheckConstraint('deliveries_state_check', sql`state in ('held', 'delivered', 'done')`)
    .addCheckConstraint('deliveries_kind_check', sql`kind in ('post', 'reminder')`)
    .execute();
  await db.schema
    .createIndex('deliveries_post_person_idx')
    .on('deliveries')
    .columns(['post_id', 'person_id', 'kind'])
    .unique()
    .execute();
  await db.schema
    .createIndex('deliveries_recipient_idx')
    .on('deliveries')
    .columns(['person_id', 'state', 'workspace_id'])
    .execute();
}

async function createAsks(db: Db): Promise<void> {
  await db.schema
    .createTable('asks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('asker_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('window_hours', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('answer_post_id', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('ack_note', 'text')
    .addColumn('acked_at', 'bigint')
    .addColumn('reminded_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('asks_state_check', sql`state in ('open', 'answered', 'declined')`)
    .addCheckConstraint('asks_level_check', sql`level in ('today', 'soon', 'normal', 'fyi')`)
    .execute();
  await db.schema
    .createIndex('asks_post_person_idx')
    .on('asks')
    .columns(['post_id', 'person_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('asks_asker_idx')
    .on('asks')
    .columns(['asker_id', 'state', 'workspace_id'])
    .execute();
  await db.schema
    .createIndex('asks_thread_idx')
    .on('asks')
    .columns(['thread_id', 'person_id', 'state'])
    .execute();
}

/** Creates `deliveries`, `asks` and `interrupt_weeks`. */
export async function up(db: Db): Promise<void> {
  await createDeliveries(db);
  await createAsks(db);
  await db.schema
    .createTable('interrupt_weeks')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('week_start', 'bigint', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('interrupt_weeks_pk', ['workspace_id', 'person_id', 'week_start'])
    .execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('interrupt_weeks').execute();
  await db.schema.dropTable('asks').execute();
  await db.schema.dropTable('deliveries').execute();
}
