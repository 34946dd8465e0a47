import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Digests: the e-mail summarising what was delivered to a person since their last one.
//
// digest_settings: a person's opt-out (no row: digests on).
// digest_sends: one row per (workspace, person, slot instant), inserted by the digest job in the job's own
// transaction before any mail leaves: the unique key is the claim, so a second process or a retried job
// finds the row and sends nothing. `state` is 'sending' from the claim until the SMTP answer ('sent' with
// the message id, or 'failed'); a row left 'sending' by a crash is marked 'failed' later, never re-sent
// (at most once). `unsubscribe_token_hash` is the SHA-256 of the one-click unsubscribe token in that mail.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `digest_settings` and `digest_sends`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('digest_settings')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('digest_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('slot_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('error', 'text')
    .addColumn('unsubscribe_token_hash', 'text')
    .addColumn('claimed_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addCheckConstraint('digest_sends_state_check', sql`state in ('sending', 'sent', 'failed', 'skipped')`)
    .execute();
  await db.schema
    .createIndex('digest_sends_slot_idx')
    .on('digest_sends')
    .columns(['workspace_id', 'person_id', 'slot_at'])
    .unique()
    .execute();
  await db.schema
    .createIndex('digest_sends_token_idx')
    .on('digest_sends')
    .column('unsubscribe_token_hash')
    .unique()
    .execute();
  await db.schema
    .createIndex('digest_sends_state_idx')
    .on('digest_sends')
    .columns(['state', 'claimed_at'])
    .execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('digest_sends').execute();
  await db.schema.dropTable('digest_settings').execute();
}
