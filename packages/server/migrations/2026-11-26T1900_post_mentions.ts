import type { Kysely } from 'kysely';

// The people a post mentions: they follow its thread, and later the delivery module reaches them.
// Kept as rows, not parsed back out of markdown, so that an edit's mentions are exact.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `post_mentions`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('post_mentions')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('post_mentions_pk', ['post_id', 'person_id'])
    .execute();
  await db.schema.createIndex('post_mentions_person_idx').on('post_mentions').column('person_id').execute();
}

/** Drops `post_mentions`. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('post_mentions').execute();
}
