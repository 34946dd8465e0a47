import type { Kysely } from 'kysely';
import type { Database, IdeaRow, IdeationParticipantRow, IdeationRoundRow } from '../../shared/database.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** Stores a new round with its participants. */
export async function insertRound(
  db: Executor,
  round: IdeationRoundRow,
  participantIds: readonly string[],
): Promise<void> {
  await db.insertInto('ideationRounds').values(round).execute();
  await db
    .insertInto('ideationParticipants')
    .values(participantIds.map((personId) => ({ roundId: round.id, personId, dotsUsed: 0 })))
    .execute();
}

/** A round of the workspace. */
export function findRound(db: Executor, workspaceId: string, roundId: string) {
  return db
    .selectFrom('ideationRounds')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', roundId)
    .executeTakeFirst();
}

/** A round by id alone (the reveal job's). */
export function findRoundById(db: Executor, roundId: string) {
  return db.selectFrom('ideationRounds').selectAll().where('id', '=', roundId).executeTakeFirst();
}

/** The participants of a round, in a fixed order. */
export function listParticipants(db: Executor, roundId: string): Promise<IdeationParticipantRow[]> {
  return db
    .selectFrom('ideationParticipants')
    .selectAll()
    .where('roundId', '=', roundId)
    .orderBy('personId')
    .execute();
}

/** Marks a round revealed (once); whether this call did. */
export async function markRevealed(db: Executor, roundId: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('ideationRounds')
    .set({ revealedAt: at })
    .where('id', '=', roundId)
    .where('revealedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** An idea of the workspace. */
export function findIdea(db: Executor, workspaceId: string, ideaId: string) {
  return db
    .selectFrom('ideas')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', ideaId)
    .executeTakeFirst();
}

/**
 * The ideas of a round; only `authorId`'s when given. The filter is in the query, not after it, so that no
 * other person's idea is ever read into memory for a caller before the reveal.
 */
export function listIdeas(db: Executor, roundId: string, authorId?: string): Promise<IdeaRow[]> {
  let query = db.selectFrom('ideas').selectAll().where('roundId', '=', roundId);
  if (authorId !== undefined) query = query.where('authorId', '=', authorId);
  return query.orderBy('createdAt').orderBy('id').execute();
}

export async function insertIdea(db: Executor, idea: IdeaRow): Promise<void> {
  await db.insertInto('ideas').values(idea).execute();
}

export async function updateIdeaText(db: Executor, ideaId: string, text: string, at: number): Promise<void> {
  await db.updateTable('ideas').set({ text, editedAt: at }).where('id', '=', ideaId).execute();
}

/** Links an idea to the thread it was promoted into, unless it already was; whether this call did. */
export async function markPromoted(db: Executor, ideaId: string, threadId: string): Promise<boolean> {
  const result = await db
    .updateTable('ideas')
    .set({ promotedThreadId: threadId })
    .where('id', '=', ideaId)
    .where('promotedThreadId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Dots per idea of a round, and the ones `personId` placed. */
export async function dotTotals(db: Executor, roundId: string, personId: string) {
  const rows = await db
    .selectFrom('ideaDots')
    .select(['ideaId', 'personId', 'dots'])
    .where('roundId', '=', roundId)
    .execute();
  const totals = new Map<string, number>();
  const mine = new Map<string, number>();
  for (const row of rows) {
    totals.set(row.ideaId, (totals.get(row.ideaId) ?? 0) + Number(row.dots));
    if (row.personId === personId) mine.set(row.ideaId, Number(row.dots));
  }
  return { totals, mine };
}

/**
 * Locks the caller's participation row (a no-op update takes PostgreSQL's row lock and SQLite's write lock)
 * and reads it, so that two dot changes of one person run one after the other.
 */
export async function lockParticipant(db: Executor, roundId: string, personId: string) {
  await db
    .updateTable('ideationParticipants')
    .set((eb) => ({ dotsUsed: eb.ref('dotsUsed') }))
    .where('roundId', '=', roundId)
    .where('personId', '=', personId)
    .execute();
  return db
    .selectFrom('ideationParticipants')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('personId', '=', personId)
    .executeTakeFirst();
}

/** Sets a person's dots on an idea (0 removes them) and their round total. */
export async function setDots(
  db: Executor,
  key: { roundId: string; ideaId: string; personId: string },
  dots: number,
  dotsUsed: number,
): Promise<void> {
  await db
    .deleteFrom('ideaDots')
    .where('ideaId', '=', key.ideaId)
    .where('personId', '=', key.personId)
    .execute();
  if (dots > 0)
    await db
      .insertInto('ideaDots')
      .values({ ...key, dots })
      .execute();
  await db
    .updateTable('ideationParticipants')
    .set({ dotsUsed })
    .where('roundId', '=', key.roundId)
    .where('personId', '=', key.personId)
    .execute();
}
