import type { Kysely } from 'kysely';
import type { Database } from '../../shared/database.js';

/** What the events repository runs on: the database or a transaction. */
export type Executor = Kysely<Database>;

/** A stored event as streams read it. */
export interface StoredEvent {
  id: number;
  type: string;
  payload: string;
  createdAt: number;
}

/** Stores events; returns nothing (ids are the database's). */
export async function insertEvents(
  db: Executor,
  rows: { workspaceId: string; personId: string; type: string; payload: string; createdAt: number }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('events').values(rows).execute();
}

/** A recipient's events after `afterId`, oldest first. */
export async function listEventsAfter(
  db: Executor,
  recipient: { workspaceId: string; personId: string },
  afterId: number,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['id', 'type', 'payload', 'createdAt'])
    .where('personId', '=', recipient.personId)
    .where('workspaceId', '=', recipient.workspaceId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), createdAt: Number(r.createdAt) }));
}

/** The largest event id there is, 0 when there is none. */
export async function findLastEventId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** Deletes events created before `before`; returns how many. */
export async function deleteEventsBefore(db: Executor, before: number): Promise<number> {
  const result = await db.deleteFrom('events').where('createdAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
