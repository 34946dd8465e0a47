import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Ideation rounds: a prompt, a blind submission phase, a reveal at a fair time, then dot-voting.
//
// Ideas live in their own table and never in `posts`, so that nothing generic (search triggers, event
// publishing, digests, exports of posts) can see one before the reveal; an idea reaches `posts` only when
// someone promotes it into a thread after the reveal.
// ideation_participants.dots_used is spent with a conditional update (`dots_used + n <= dots`), so two
// concurrent dot requests cannot both spend the last dot.
// idea_dots: one row per (idea, voter) with how many dots the voter put on it.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `ideation_rounds`, `ideation_participants`, `ideas` and `idea_dots`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('ideation_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.references('threads.id').onDelete('cascade'))
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('is_anonymous', 'integer', (c) => c.notNull())
    .addColumn('dots_per_person', 'integer', (c) => c.notNull())
    .addColumn('allows_stacking', 'integer', (c) => c.notNull())
    .addColumn('window_hours', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('reveal_at', 'bigint', (c) => c.notNull())
    .addColumn('revealed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('ideation_rounds_workspace_idx')
    .on('ideation_rounds')
    .columns(['workspace_id', 'opened_at'])
    .execute();
  await db.schema
    .createTable('ideation_participants')
    .addColumn('round_id', 'text', (c) => c.notNull().references('ideation_rounds.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('dots_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ideation_participants_pk', ['round_id', 'person_id'])
    .addCheckConstraint('ideation_participants_dots_check', sql`dots_used >= 0`)
    .execute();
  await db.schema
    .createTable('ideas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('ideation_rounds.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('builds_on_id', 'text')
    .addColumn('promoted_thread_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .execute();
  await db.schema.createIndex('ideas_round_idx').on('ideas').columns(['round_id', 'author_id']).execute();
  await db.schema
    .createTable('idea_dots')
    .addColumn('idea_id', 'text', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('dots', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('idea_dots_pk', ['idea_id', 'person_id'])
    .addCheckConstraint('idea_dots_dots_check', sql`dots > 0`)
    .execute();
  await db.schema.createIndex('idea_dots_round_idx').on('idea_dots').column('round_id').execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('idea_dots').execute();
  await db.schema.dropTable('ideas').execute();
  await db.schema.dropTable('ideation_participants').execute();
  await db.schema.dropTable('ideation_rounds').execute();
}
