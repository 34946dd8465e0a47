import type { Kysely } from 'kysely';

// When a person's rhythm, focus blocks or time off change, the due times of their open asks are counted
// again: this index finds a person's open asks without scanning every ask of the workspace.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `asks_person_state_idx`. */
export async function up(db: Db): Promise<void> {
  await db.schema.createIndex('asks_person_state_idx').on('asks').columns(['person_id', 'state']).execute();
}

/** Drops it. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('asks_person_state_idx').execute();
}
