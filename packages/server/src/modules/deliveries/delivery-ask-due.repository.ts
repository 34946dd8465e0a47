import type { AskRow } from '../../shared/database.js';
import type { Executor } from './delivery.repository.js';

/** An open ask with the instant its post was delivered to the asked person. */
export type DeliveredOpenAsk = AskRow & { deliveredAt: number };

/**
 * A person's open asks (every workspace) whose post was delivered to them, that expect a reply, were never
 * reminded and are not overdue at `now`: due later, or without a due time (no working time within 400 days
 * when it was counted). By ask id, so that concurrent re-plans lock rows in one order.
 */
export async function listDeliveredOpenAsks(
  db: Executor,
  personId: string,
  now: number,
): Promise<DeliveredOpenAsk[]> {
  const rows = await db
    .selectFrom('asks as a')
    // The post's delivery to the asked person: one per (post, person, kind) by a unique index.
    .innerJoin('deliveries as d', (join) =>
      join
        .onRef('d.postId', '=', 'a.postId')
        .onRef('d.personId', '=', 'a.personId')
        .on('d.kind', '=', 'post'),
    )
    .selectAll('a')
    .select('d.deliveredAt')
    .where('a.personId', '=', personId)
    .where('a.state', '=', 'open')
    .where('a.windowHours', 'is not', null)
    .where('a.remindedAt', 'is', null)
    .where('d.deliveredAt', 'is not', null)
    .where((eb) => eb.or([eb('a.dueAt', 'is', null), eb('a.dueAt', '>', now)]))
    .orderBy('a.id')
    .execute();
  return rows.map((row) => ({ ...row, deliveredAt: row.deliveredAt! }));
}

/**
 * Moves an open, never reminded ask's due time from `from` to `to`; false when it changed meanwhile
 * (answered, declined, reminded or moved by another re-plan), so a stale plan never overwrites a newer one.
 */
export async function moveAskDue(
  db: Executor,
  id: string,
  from: number | null,
  to: number | null,
): Promise<boolean> {
  const query = db
    .updateTable('asks')
    .set({ dueAt: to })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .where('remindedAt', 'is', null);
  const result = await (
    from === null ? query.where('dueAt', 'is', null) : query.where('dueAt', '=', from)
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
