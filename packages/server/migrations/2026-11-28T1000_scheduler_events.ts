import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// The durable job queue of platform/scheduler and the events that live updates (SSE) replay.
//
// scheduled_jobs: one row per job; `fencing_token` grows by one at every claim, so a worker whose lease
// expired (and whose job was claimed again) can no longer complete it. At most one *pending* job per
// (kind, subject): scheduling again moves it; a running (claimed) one may coexist with the next.
//
// events: ids increase in commit order per recipient (see modules/events); a bigint identity on
// PostgreSQL, an AUTOINCREMENT rowid on SQLite (never reused, even after the newest rows are pruned).

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

async function createJobs(db: Db): Promise<void> {
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text')
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('fencing_token', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addCheckConstraint('scheduled_jobs_state_check', sql`state in ('pending', 'claimed', 'done')`)
    .execute();
  await db.schema
    .createIndex('scheduled_jobs_state_due_idx')
    .on('scheduled_jobs')
    .columns(['state', 'due_at'])
    .execute();
  await db.schema
    .createIndex('scheduled_jobs_pending_subject_idx')
    .on('scheduled_jobs')
    .columns(['kind', 'subject_id'])
    .unique()
    .where(sql<boolean>`state = 'pending'`)
    .execute();
}

async function createEvents(db: Db): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', isPostgres(db) ? 'bigint' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_recipient_idx')
    .on('events')
    .columns(['person_id', 'workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('events_created_idx').on('events').column('created_at').execute();
}

/** Creates `scheduled_jobs` and `events`. */
export async function up(db: Db): Promise<void> {
  await createJobs(db);
  await createEvents(db);
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('scheduled_jobs').execute();
}
