import type { Kysely } from 'kysely';
import type { CheckinAskRow, CheckinRoundRow, CheckinRow, Database } from '../../shared/database.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

export async function insertCheckin(db: Executor, row: CheckinRow, participantIds: readonly string[]) {
  await db.insertInto('checkins').values(row).execute();
  await db
    .insertInto('checkinParticipants')
    .values(participantIds.map((personId) => ({ checkinId: row.id, personId })))
    .execute();
}

/** A check-in of the workspace (or by id alone, for jobs). */
export function findCheckin(db: Executor, checkinId: string, workspaceId?: string) {
  let query = db.selectFrom('checkins').selectAll().where('id', '=', checkinId);
  if (workspaceId !== undefined) query = query.where('workspaceId', '=', workspaceId);
  return query.executeTakeFirst();
}

export async function listParticipantIds(db: Executor, checkinId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('checkinParticipants')
    .select('personId')
    .where('checkinId', '=', checkinId)
    .orderBy('personId')
    .execute();
  return rows.map((r) => r.personId);
}

/** Inserts an ask unless (check-in, person, local date) has one: whether this call did (exactly once). */
export async function insertAskOnce(db: Executor, row: CheckinAskRow): Promise<boolean> {
  const result = await db
    .insertInto('checkinAsks')
    .values(row)
    .onConflict((oc) => oc.columns(['checkinId', 'personId', 'localDate']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export function findAsk(db: Executor, askId: string) {
  return db.selectFrom('checkinAsks').selectAll().where('id', '=', askId).executeTakeFirst();
}

/** Held → asked; whether this call did. */
export async function markAsked(db: Executor, askId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('checkinAsks')
    .set({ state: 'asked', deliveredAt: now })
    .where('id', '=', askId)
    .where('state', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The caller's asks of a check-in, latest date first. */
export function listAsksOf(db: Executor, checkinId: string, personId: string) {
  return db
    .selectFrom('checkinAsks')
    .selectAll()
    .where('checkinId', '=', checkinId)
    .where('personId', '=', personId)
    .orderBy('localDate', 'desc')
    .limit(14)
    .execute();
}

/** A person's delivered asks of rounds not yet closed, in the workspace. */
export function listOpenAsks(db: Executor, workspaceId: string, personId: string) {
  return db
    .selectFrom('checkinAsks as a')
    .innerJoin('checkins as c', 'c.id', 'a.checkinId')
    .leftJoin('checkinRounds as r', (j) =>
      j.onRef('r.checkinId', '=', 'a.checkinId').onRef('r.localDate', '=', 'a.localDate'),
    )
    .selectAll('a')
    .select(['c.title', 'c.questions', 'c.threadId'])
    .where('a.workspaceId', '=', workspaceId)
    .where('a.personId', '=', personId)
    .where('a.state', '!=', 'held')
    .where('r.checkinId', 'is', null)
    .orderBy('a.askedAt', 'desc')
    .limit(100)
    .execute();
}

export async function saveAnswers(db: Executor, askId: string, answers: string, now: number) {
  await db
    .updateTable('checkinAsks')
    .set({ state: 'answered', answers, answeredAt: now })
    .where('id', '=', askId)
    .execute();
}

/** The asks of one round. */
export function listRoundAsks(db: Executor, checkinId: string, localDate: string) {
  return db
    .selectFrom('checkinAsks')
    .selectAll()
    .where('checkinId', '=', checkinId)
    .where('localDate', '=', localDate)
    .orderBy('id')
    .execute();
}

export function findRound(db: Executor, checkinId: string, localDate: string) {
  return db
    .selectFrom('checkinRounds')
    .selectAll()
    .where('checkinId', '=', checkinId)
    .where('localDate', '=', localDate)
    .executeTakeFirst();
}

/** Claims a round's close: whether this call did (a second run finds the row and does nothing). */
export async function claimRound(db: Executor, row: CheckinRoundRow): Promise<boolean> {
  const result = await db
    .insertInto('checkinRounds')
    .values(row)
    .onConflict((oc) => oc.columns(['checkinId', 'localDate']).doNothing())
    .returning('checkinId')
    .executeTakeFirst();
  return result !== undefined;
}

export async function setRoundPost(db: Executor, checkinId: string, localDate: string, postId: string) {
  await db
    .updateTable('checkinRounds')
    .set({ postId })
    .where('checkinId', '=', checkinId)
    .where('localDate', '=', localDate)
    .execute();
}

/** The latest closed rounds (team figures). */
export function listRounds(db: Executor, checkinId: string) {
  return db
    .selectFrom('checkinRounds')
    .selectAll()
    .where('checkinId', '=', checkinId)
    .orderBy('localDate', 'desc')
    .limit(30)
    .execute();
}
