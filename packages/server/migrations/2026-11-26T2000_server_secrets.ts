import type { Kysely } from 'kysely';

// Secrets the server makes for itself on first start (the key that signs pagination cursors, …), stored in
// the database so that every process of a deployment shares them and restarts keep cursors valid. Also
// lets an idempotent replay carry the headers of the first response (Location, ETag, Content-Type).

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `server_secrets` and adds `idempotency_keys.response_headers`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('idempotency_keys').addColumn('response_headers', 'text').execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('idempotency_keys').dropColumn('response_headers').execute();
  await db.schema.dropTable('server_secrets').execute();
}
