import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Sync time (issue 7): meetings with notice and an agenda, private calendar feeds, imported busy times.
//
// meetings: a meeting request of an organiser, linked to its agenda thread. `outside_window_reason` is the
// written reason of a meeting outside every sync window (null inside one). `late_changes` counts moves and
// cancellations made inside the notice; `meeting_late_changes` keeps one row per such change (team-level
// counts for insights, never shown per person). `notes_prompted_at` is set once the organiser was prompted
// to post notes into the agenda thread after the meeting.
// meeting_invitees: one row per invitee and meeting with the response ('pending', 'yes', 'no', 'maybe').
// calendar_feeds: one private feed per person and workspace; only the SHA-256 of its token is kept.
// busy_imports: a person's imported calendar (the URL they gave) and the busy intervals last read from it.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `meetings`, `meeting_invitees`, `meeting_late_changes`, `calendar_feeds` and `busy_imports`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('organiser_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('agenda_thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('outside_window_reason', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('late_changes', 'integer', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('notes_prompted_at', 'bigint')
    .addCheckConstraint('meetings_state_check', sql`state in ('scheduled', 'cancelled')`)
    .execute();
  await db.schema
    .createIndex('meetings_workspace_start_idx')
    .on('meetings')
    .columns(['workspace_id', 'starts_at'])
    .execute();
  await db.schema
    .createTable('meeting_invitees')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'bigint')
    .addPrimaryKeyConstraint('meeting_invitees_pk', ['meeting_id', 'person_id'])
    .addCheckConstraint('meeting_invitees_response_check', sql`response in ('pending', 'yes', 'no', 'maybe')`)
    .execute();
  await db.schema
    .createIndex('meeting_invitees_person_idx')
    .on('meeting_invitees')
    .column('person_id')
    .execute();
  await db.schema
    .createTable('meeting_late_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('meeting_late_changes_kind_check', sql`kind in ('moved', 'cancelled')`)
    .execute();
  await db.schema
    .createIndex('meeting_late_changes_workspace_idx')
    .on('meeting_late_changes')
    .columns(['workspace_id', 'at'])
    .execute();
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_feeds_pk', ['workspace_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('calendar_feeds_token_idx')
    .on('calendar_feeds')
    .column('token_hash')
    .unique()
    .execute();
  await db.schema
    .createTable('busy_imports')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('busy', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'bigint')
    .addColumn('error', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('busy_imports').execute();
  await db.schema.dropTable('calendar_feeds').execute();
  await db.schema.dropTable('meeting_late_changes').execute();
  await db.schema.dropTable('meeting_invitees').execute();
  await db.schema.dropTable('meetings').execute();
}
