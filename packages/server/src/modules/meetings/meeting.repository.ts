import type { Kysely } from 'kysely';
import type { Database, MeetingInviteeRow, MeetingLateChangeRow, MeetingRow } from '../../shared/database.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** Stores a new meeting and its invitees. */
export async function insertMeeting(
  db: Executor,
  meeting: MeetingRow,
  invitees: readonly MeetingInviteeRow[],
): Promise<void> {
  await db.insertInto('meetings').values(meeting).execute();
  if (invitees.length > 0)
    await db
      .insertInto('meetingInvitees')
      .values([...invitees])
      .execute();
}

/** A meeting of a workspace. */
export async function findMeeting(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<MeetingRow | undefined> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A meeting by id alone (for its jobs). */
export async function findMeetingById(db: Executor, id: string): Promise<MeetingRow | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The invitees of meetings, by meeting then person. */
export async function listInvitees(
  db: Executor,
  meetingIds: readonly string[],
): Promise<MeetingInviteeRow[]> {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('meetingInvitees')
    .selectAll()
    .where('meetingId', 'in', meetingIds)
    .orderBy('meetingId')
    .orderBy('personId')
    .execute();
}

/**
 * Scheduled meetings of a workspace that a person organises or is invited to, ending after `from` and
 * starting before `to`, by start (at most `limit`).
 */
export async function listMeetingsOf(
  db: Executor,
  workspaceId: string,
  personId: string,
  range: { from: number; to: number; limit: number },
): Promise<MeetingRow[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('state', '=', 'scheduled')
    .where('endsAt', '>', range.from)
    .where('startsAt', '<', range.to)
    .where((eb) =>
      eb.or([
        eb('organiserId', '=', personId),
        eb('id', 'in', eb.selectFrom('meetingInvitees').select('meetingId').where('personId', '=', personId)),
      ]),
    )
    .orderBy('startsAt')
    .orderBy('id')
    .limit(range.limit)
    .execute();
}

/** Changes a meeting's time, state or counters. */
export async function updateMeeting(
  db: Executor,
  id: string,
  change: Partial<
    Pick<
      MeetingRow,
      | 'startsAt'
      | 'endsAt'
      | 'outsideWindowReason'
      | 'state'
      | 'lateChanges'
      | 'updatedAt'
      | 'notesPromptedAt'
    >
  >,
): Promise<void> {
  await db.updateTable('meetings').set(change).where('id', '=', id).execute();
}

/** Records an invitee's answer; whether they are an invitee. */
export async function setResponse(
  db: Executor,
  meetingId: string,
  personId: string,
  response: MeetingInviteeRow['response'],
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('meetingInvitees')
    .set({ response, respondedAt: at })
    .where('meetingId', '=', meetingId)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records a late move or cancellation (team insights). */
export async function insertLateChange(db: Executor, row: MeetingLateChangeRow): Promise<void> {
  await db.insertInto('meetingLateChanges').values(row).execute();
}

/** Late moves and cancellations of a workspace in `[from, to)`, counted by kind. */
export async function countLateChanges(
  db: Executor,
  workspaceId: string,
  from: number,
  to: number,
): Promise<{ kind: MeetingLateChangeRow['kind']; count: number }[]> {
  const rows = await db
    .selectFrom('meetingLateChanges')
    .select(['kind', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('workspaceId', '=', workspaceId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.count) }));
}
