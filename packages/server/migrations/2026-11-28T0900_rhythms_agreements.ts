import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Rhythms (one per person, shared by the person's workspaces), time off, and the workspace agreement kept as
// versions (the current one is the highest version). Structured values that are only ever read and written
// whole (weekly hours, exceptions, batch times, the agreement's body) are JSON text: portable across both
// databases, validated by the server before they are written.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `rhythms`, `time_off`, `agreement_versions` and `channel_agreements`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('rhythms')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('focus', 'text', (c) => c.notNull())
    .addColumn('delivery_mode', 'text', (c) => c.notNull())
    .addColumn('batch_times', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('rhythms_delivery_mode_check', sql`delivery_mode in ('as-they-come', 'batched')`)
    .execute();
  await db.schema
    .createTable('time_off')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('time_off_person_idx')
    .on('time_off')
    .columns(['person_id', 'from_date'])
    .execute();
  await db.schema
    .createTable('agreement_versions')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_versions_pk', ['workspace_id', 'version'])
    .execute();
  await db.schema
    .createTable('channel_agreements')
    .addColumn('channel_id', 'text', (c) => c.primaryKey().references('channels.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('reply_windows', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Drops them. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('channel_agreements').execute();
  await db.schema.dropTable('agreement_versions').execute();
  await db.schema.dropTable('time_off').execute();
  await db.schema.dropTable('rhythms').execute();
}
