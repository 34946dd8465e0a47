import type { Kysely } from 'kysely';

// Rate-limit buckets shared by every server process on one database (PostgreSQL with several processes):
// one token bucket per key, `tokens` left at instant `at` (ms), `allowed` whether the last hit passed.
// On SQLite (one process) the server keeps its buckets in memory and this table stays empty.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `rate_limit_buckets`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('rate_limit_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('allowed', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_buckets_at').on('rate_limit_buckets').column('at').execute();
}

/** Drops `rate_limit_buckets`. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('rate_limit_buckets').execute();
}
