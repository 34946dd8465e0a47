import type { Kysely } from 'kysely';
import type { Database, RhythmRow, TimeOffRow } from '../../shared/database.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** The stored rhythm of a person, if they ever saved one (or signed up after rhythms existed). */
export async function findRhythm(db: Executor, personId: string): Promise<RhythmRow | undefined> {
  return db.selectFrom('rhythms').selectAll().where('personId', '=', personId).executeTakeFirst();
}

/** The stored rhythms of these people. */
export async function findRhythms(db: Executor, personIds: readonly string[]): Promise<RhythmRow[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('rhythms')
    .selectAll()
    .where('personId', 'in', [...personIds])
    .execute();
}

/** Writes a person's rhythm, replacing the stored one. */
export async function upsertRhythm(db: Executor, row: RhythmRow): Promise<void> {
  const { timeZone, hours, focus, deliveryMode, batchTimes, updatedAt } = row;
  await db
    .insertInto('rhythms')
    .values(row)
    .onConflict((oc) =>
      oc.column('personId').doUpdateSet({ timeZone, hours, focus, deliveryMode, batchTimes, updatedAt }),
    )
    .execute();
}

/** Writes a person's rhythm unless one is stored already (sign-up into a second workspace keeps the first). */
export async function insertRhythmIfAbsent(db: Executor, row: RhythmRow): Promise<void> {
  await db
    .insertInto('rhythms')
    .values(row)
    .onConflict((oc) => oc.column('personId').doNothing())
    .execute();
}

/** Every stretch of time off of these people, by start date. */
export async function listTimeOff(db: Executor, personIds: readonly string[]): Promise<TimeOffRow[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('timeOff')
    .selectAll()
    .where('personId', 'in', [...personIds])
    .orderBy('fromDate')
    .orderBy('id')
    .execute();
}

/** How many stretches of time off a person has. */
export async function countTimeOff(db: Executor, personId: string): Promise<number> {
  const row = await db
    .selectFrom('timeOff')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('personId', '=', personId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Adds a stretch of time off. */
export async function insertTimeOff(db: Executor, row: TimeOffRow): Promise<void> {
  await db.insertInto('timeOff').values(row).execute();
}

/** Removes a stretch of time off of this person; whether one was removed. */
export async function deleteTimeOff(db: Executor, personId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('timeOff')
    .where('id', '=', id)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
