import type { Kysely } from 'kysely';

// Scratch threads (issue 6): an off-the-record thread lives in a private channel of its own whose members
// are its participants, so that every rule already written for private channels (thread and post loading,
// search, lineage, mentions, deliveries, the decision log) keeps it from everyone else with no new check.
// `channels.is_scratch` keeps such a channel out of channel lists; `threads.expires_at` is when the thread
// and everything of it is deleted unless it is promoted into `threads.home_channel_id` first (both null on
// an ordinary thread).

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Adds the scratch columns. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('channels')
    .addColumn('is_scratch', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('threads').addColumn('expires_at', 'bigint').execute();
  await db.schema
    .alterTable('threads')
    .addColumn('home_channel_id', 'text', (c) => c.references('channels.id').onDelete('cascade'))
    .execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('threads').dropColumn('home_channel_id').execute();
  await db.schema.alterTable('threads').dropColumn('expires_at').execute();
  await db.schema.alterTable('channels').dropColumn('is_scratch').execute();
}
