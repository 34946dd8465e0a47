import type { Kysely } from 'kysely';

// A session now belongs to one person in ONE workspace, like an API token. SQLite cannot add a NOT NULL
// column with a foreign key to an existing table, so the table is made again; sessions are short-lived
// credentials and none existed before this migration (nothing created them), so nothing is lost.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

async function createSessions(db: Db, withWorkspace: boolean): Promise<void> {
  let table = db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'));
  if (withWorkspace) {
    table = table.addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    );
  }
  await table
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_person_idx').on('sessions').column('person_id').execute();
}

/** Remakes `sessions` with a `workspace_id`. */
export async function up(db: Db): Promise<void> {
  await db.schema.dropTable('sessions').execute();
  await createSessions(db, true);
  await db.schema
    .createIndex('api_tokens_workspace_person_idx')
    .on('api_tokens')
    .columns(['workspace_id', 'person_id'])
    .execute();
}

/** Remakes `sessions` without a workspace. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('api_tokens_workspace_person_idx').execute();
  await db.schema.dropTable('sessions').execute();
  await createSessions(db, false);
}
