import type { Kysely } from 'kysely';
import type { Database, DigestSendRow } from '../../shared/database.js';

/** The database or a transaction. */
export type Executor = Kysely<Database>;

/** Whether a person wants digests (no row: yes). */
export async function isEnabled(db: Executor, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('digestSettings')
    .select('enabled')
    .where('personId', '=', personId)
    .executeTakeFirst();
  return row === undefined || row.enabled === 1;
}

export async function setEnabled(
  db: Executor,
  personId: string,
  enabled: boolean,
  now: number,
): Promise<void> {
  await db
    .insertInto('digestSettings')
    .values({ personId, enabled: enabled ? 1 : 0, updatedAt: now })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ enabled: enabled ? 1 : 0, updatedAt: now }))
    .execute();
}

/** The slot of the person's latest digest before `slotAt` in a workspace (whatever became of it). */
export async function findPreviousSlot(
  db: Executor,
  key: { workspaceId: string; personId: string },
  slotAt: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('digestSends')
    .select('slotAt')
    .where('workspaceId', '=', key.workspaceId)
    .where('personId', '=', key.personId)
    .where('slotAt', '<', slotAt)
    .orderBy('slotAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.slotAt ?? null;
}

/**
 * Claims a digest: inserts its row unless one exists for the same workspace, person and slot. True when
 * this call inserted it (the caller then, and only then, sends the mail).
 */
export async function claimSend(db: Executor, row: DigestSendRow): Promise<boolean> {
  const inserted = await db
    .insertInto('digestSends')
    .values(row)
    .onConflict((oc) => oc.columns(['workspaceId', 'personId', 'slotAt']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Records the outcome of a claimed send; only a row still 'sending' changes. */
export async function finishSend(
  db: Executor,
  id: string,
  change: { state: 'sent' | 'failed'; messageId: string | null; error: string | null; finishedAt: number },
): Promise<void> {
  await db
    .updateTable('digestSends')
    .set(change)
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}

/**
 * Marks sends left 'sending' since before `before` as failed: the process died between the claim and the
 * SMTP answer, and whether the mail left is unknown, so it is never sent again (at most once).
 */
export async function failInterrupted(db: Executor, before: number, now: number): Promise<number> {
  const result = await db
    .updateTable('digestSends')
    .set({ state: 'failed', error: 'interrupted before the SMTP server answered', finishedAt: now })
    .where('state', '=', 'sending')
    .where('claimedAt', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findSendByTokenHash(db: Executor, hash: string): Promise<DigestSendRow | undefined> {
  return db.selectFrom('digestSends').selectAll().where('unsubscribeTokenHash', '=', hash).executeTakeFirst();
}

export function listSends(
  db: Executor,
  key: { workspaceId: string; personId: string },
): Promise<DigestSendRow[]> {
  return db
    .selectFrom('digestSends')
    .selectAll()
    .where('workspaceId', '=', key.workspaceId)
    .where('personId', '=', key.personId)
    .orderBy('slotAt')
    .execute();
}

// The reads below join other modules' tables (deliveries, asks, threads, people, workspaces). They only
// read, for the one summary that spans them all; going through four services per digest would cost a
// round trip each inside the job's transaction (STYLE.md §6 exception, stated here).

/** The recipient and workspace of a digest, when both are still active. */
export function findRecipient(
  db: Executor,
  workspaceId: string,
  personId: string,
): Promise<{ email: string; displayName: string; workspaceName: string } | undefined> {
  return db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.personId', 'p.id')
    .innerJoin('workspaces as w', 'w.id', 'm.workspaceId')
    .select(['p.email', 'p.displayName', 'w.name as workspaceName'])
    .where('p.id', '=', personId)
    .where('m.workspaceId', '=', workspaceId)
    .where('p.deactivatedAt', 'is', null)
    .where('m.deactivatedAt', 'is', null)
    .executeTakeFirst();
}

/** What was delivered to a person in a workspace in `[from, to)`: the first `cap` items and the count. */
export async function listDelivered(
  db: Executor,
  key: { workspaceId: string; personId: string },
  from: number,
  to: number,
  cap: number,
) {
  const base = db
    .selectFrom('deliveries as d')
    .where('d.workspaceId', '=', key.workspaceId)
    .where('d.personId', '=', key.personId)
    .where('d.deliveredAt', '>=', from)
    .where('d.deliveredAt', '<', to);
  const [items, count] = await Promise.all([
    base
      .innerJoin('threads as t', 't.id', 'd.threadId')
      .innerJoin('people as a', 'a.id', 'd.authorId')
      .leftJoin('asks as k', 'k.id', 'd.askId')
      .select([
        'd.kind',
        'd.deliveredAt',
        'd.interruptReason',
        'd.isEmergency',
        't.title as threadTitle',
        'a.displayName as authorName',
        'k.level as askLevel',
        'k.dueAt as askDueAt',
      ])
      .orderBy('d.deliveredAt')
      .orderBy('d.id')
      .limit(cap)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Whether anything reached the person in the workspace at or after `from`. */
export async function hasDeliveredSince(
  db: Executor,
  key: { workspaceId: string; personId: string },
  from: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('deliveries')
    .select('id')
    .where('workspaceId', '=', key.workspaceId)
    .where('personId', '=', key.personId)
    .where('deliveredAt', '>=', from)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
