import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { AskRow, Database, DeliveryRow } from '../../shared/database.js';

/** The database or a transaction. */
export type Executor = Kysely<Database>;

/** A delivery with the state of its ask, as the inbox lists it. */
export type InboxRow = Selectable<DeliveryRow> & {
  askLevel: AskRow['level'] | null;
  askState: AskRow['state'] | null;
  askDueAt: number | null;
};

export async function insertDeliveries(db: Executor, rows: DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('deliveries').values(rows).execute();
}

export async function insertAsks(db: Executor, rows: AskRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('asks').values(rows).execute();
}

/**
 * Releases a recipient's held deliveries that are due: the conditional change `held → delivered where
 * release_at <= now`, so a release never happens early or twice. Returns the released rows.
 */
export function releaseDue(
  db: Executor,
  workspaceId: string,
  personId: string,
  now: number,
): Promise<DeliveryRow[]> {
  return db
    .updateTable('deliveries')
    .set({ state: 'delivered', deliveredAt: now })
    .where('personId', '=', personId)
    .where('workspaceId', '=', workspaceId)
    .where('state', '=', 'held')
    .where('releaseAt', 'is not', null)
    .where('releaseAt', '<=', now)
    .returningAll()
    .execute();
}

/**
 * Releases the held deliveries that are due of several recipients at once (a batch of release jobs), with
 * the same conditional change as {@link releaseDue} in one statement. Returns the released rows.
 */
export function releaseDueOfRecipients(
  db: Executor,
  recipients: readonly { workspaceId: string; personId: string }[],
  now: number,
): Promise<DeliveryRow[]> {
  const keys = new Map(recipients.map((r) => [`${r.workspaceId}:${r.personId}`, r]));
  if (keys.size === 0) return Promise.resolve([]);
  return db
    .updateTable('deliveries')
    .set({ state: 'delivered', deliveredAt: now })
    .where('personId', 'in', [...new Set(recipients.map((r) => r.personId))])
    .where((eb) =>
      eb(
        eb.refTuple('workspaceId', 'personId'),
        'in',
        [...keys.values()].map((r) => eb.tuple(r.workspaceId, r.personId)),
      ),
    )
    .where('state', '=', 'held')
    .where('releaseAt', 'is not', null)
    .where('releaseAt', '<=', now)
    .returningAll()
    .execute();
}

/** A person's held deliveries in every workspace. */
export function listHeld(db: Executor, personId: string): Promise<DeliveryRow[]> {
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('personId', '=', personId)
    .where('state', '=', 'held')
    .execute();
}

/** Moves a person's held deliveries to a new release time (null: no slot, with the reason). */
export async function replanHeld(
  db: Executor,
  personId: string,
  releaseAt: number | null,
  heldReason: string | null,
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ releaseAt, heldReason })
    .where('personId', '=', personId)
    .where('state', '=', 'held')
    .execute();
}

export function findDelivery(
  db: Executor,
  workspaceId: string,
  personId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .executeTakeFirst();
}

/** Changes a delivery's inbox state when it is in `from`; false when it was not. */
export async function updateInboxState(
  db: Executor,
  id: string,
  from: DeliveryRow['state'],
  change: Partial<Pick<DeliveryRow, 'state' | 'doneAt' | 'snoozedUntil'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set(change)
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The delivered, not-done deliveries of a person in a workspace, not snoozed past `now` (at most `cap`). */
export function listInbox(
  db: Executor,
  workspaceId: string,
  personId: string,
  now: number,
  cap: number,
): Promise<InboxRow[]> {
  return db
    .selectFrom('deliveries as d')
    .leftJoin('asks as a', 'a.id', 'd.askId')
    .selectAll('d')
    .select(['a.level as askLevel', 'a.state as askState', 'a.dueAt as askDueAt'])
    .where('d.personId', '=', personId)
    .where('d.workspaceId', '=', workspaceId)
    .where('d.state', '=', 'delivered')
    .where((eb) => eb.or([eb('d.snoozedUntil', 'is', null), eb('d.snoozedUntil', '<=', now)]))
    .orderBy('d.deliveredAt', 'desc')
    .limit(cap)
    .execute();
}

export function findAsk(db: Executor, workspaceId: string, id: string): Promise<AskRow | undefined> {
  return db
    .selectFrom('asks')
    .selectAll()
    .where('id', '=', id)
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
}

export function findAsksByIds(db: Executor, ids: readonly string[]): Promise<AskRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('asks')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function setAskDue(db: Executor, id: string, dueAt: number | null): Promise<void> {
  await db.updateTable('asks').set({ dueAt }).where('id', '=', id).execute();
}

/** Marks that an ask's reminder was made; false when it was made already. */
export async function markReminded(db: Executor, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('asks')
    .set({ remindedAt: now })
    .where('id', '=', id)
    .where('remindedAt', 'is', null)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Closes a person's open asks in a thread as answered by a post; returns them (who asked, where). */
export async function answerOpenAsksInThread(
  db: Executor,
  threadId: string,
  personId: string,
  postId: string,
  now: number,
): Promise<Pick<AskRow, 'id' | 'workspaceId' | 'askerId' | 'threadId'>[]> {
  return db
    .updateTable('asks')
    .set({ state: 'answered', answerPostId: postId, closedAt: now })
    .where('threadId', '=', threadId)
    .where('personId', '=', personId)
    .where('state', '=', 'open')
    .returning(['id', 'workspaceId', 'askerId', 'threadId'])
    .execute();
}

/** Closes one open ask; false when it was not open. */
export async function closeAsk(
  db: Executor,
  id: string,
  change: Pick<AskRow, 'state' | 'closedAt'> & Partial<Pick<AskRow, 'answerPostId' | 'declineReason'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('asks')
    .set(change)
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function acknowledgeAsk(db: Executor, id: string, note: string, now: number): Promise<void> {
  await db.updateTable('asks').set({ ackNote: note, ackedAt: now }).where('id', '=', id).execute();
}

/** A person's open asks of others in a workspace (at most `cap`). */
export function listOpenAsksBy(
  db: Executor,
  workspaceId: string,
  askerId: string,
  cap: number,
): Promise<AskRow[]> {
  return db
    .selectFrom('asks')
    .selectAll()
    .where('askerId', '=', askerId)
    .where('workspaceId', '=', workspaceId)
    .where('state', '=', 'open')
    .limit(cap)
    .execute();
}

/** The deliveries (not reminders) and asks of a post. */
export async function listPostPlan(
  db: Executor,
  postId: string,
): Promise<{ deliveries: DeliveryRow[]; asks: AskRow[] }> {
  const [deliveries, asks] = await Promise.all([
    db
      .selectFrom('deliveries')
      .selectAll()
      .where('postId', '=', postId)
      .where('kind', '=', 'post')
      .orderBy('personId')
      .execute(),
    db.selectFrom('asks').selectAll().where('postId', '=', postId).execute(),
  ]);
  return { deliveries, asks };
}

/**
 * Spends one interrupt of a person's week when fewer than `budget` were spent; the conditional upsert
 * makes two concurrent interrupts unable to both spend the last one. Returns whether it was spent.
 */
export async function spendInterrupt(
  db: Executor,
  key: { workspaceId: string; personId: string; weekStart: number },
  budget: number,
): Promise<boolean> {
  if (budget <= 0) return false;
  const row = await db
    .insertInto('interruptWeeks')
    .values({ ...key, used: 1 })
    .onConflict((oc) =>
      oc
        .columns(['workspaceId', 'personId', 'weekStart'])
        .doUpdateSet({ used: sql<number>`interrupt_weeks.used + 1` })
        .where('interruptWeeks.used', '<', budget),
    )
    .returning('used')
    .executeTakeFirst();
  return row !== undefined;
}

/** How many interrupts a person spent in a week. */
export async function countInterrupts(
  db: Executor,
  key: { workspaceId: string; personId: string; weekStart: number },
): Promise<number> {
  const row = await db
    .selectFrom('interruptWeeks')
    .select('used')
    .where('workspaceId', '=', key.workspaceId)
    .where('personId', '=', key.personId)
    .where('weekStart', '=', key.weekStart)
    .executeTakeFirst();
  return row?.used ?? 0;
}
