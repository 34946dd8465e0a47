import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Check-ins: recurring questions asked of each participant at a local time of their day, on chosen weekdays.
//
// checkins.questions is JSON `[{ text, isBlocker }]`; weekdays JSON `["mon", …]`; local_time `HH:MM`.
// checkin_asks: one row per (check-in, person, local date), inserted by the ask job with a conflict-free
// insert: the unique key makes every ask happen exactly once, even when the job runs twice.
// `state` goes held → asked → answered; `answers` is JSON `["…", …]`, one per question.
// checkin_rounds: one row per (check-in, round date) once its summary was posted (the close's claim).

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `checkins`, `checkin_participants`, `checkin_asks` and `checkin_rounds`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('checkin_participants')
    .addColumn('checkin_id', 'text', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('checkin_participants_pk', ['checkin_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('checkin_asks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('checkin_id', 'text', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'bigint', (c) => c.notNull())
    .addColumn('release_at', 'bigint')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('answers', 'text')
    .addColumn('delivered_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addCheckConstraint('checkin_asks_state_check', sql`state in ('held', 'asked', 'answered')`)
    .execute();
  await db.schema
    .createIndex('checkin_asks_once_idx')
    .on('checkin_asks')
    .columns(['checkin_id', 'person_id', 'local_date'])
    .unique()
    .execute();
  await db.schema
    .createIndex('checkin_asks_round_idx')
    .on('checkin_asks')
    .columns(['checkin_id', 'local_date'])
    .execute();
  await db.schema
    .createTable('checkin_rounds')
    .addColumn('checkin_id', 'text', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('asked', 'integer', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('closed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkin_rounds_pk', ['checkin_id', 'local_date'])
    .execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('checkin_rounds').execute();
  await db.schema.dropTable('checkin_asks').execute();
  await db.schema.dropTable('checkin_participants').execute();
  await db.schema.dropTable('checkins').execute();
}
