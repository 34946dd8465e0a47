// Check-in questions as inbox items: a delivery of kind `checkin` (subject: the check-in ask), held until
// the participant's slot like any delivery and released by the same batched `delivery.release` jobs (so a
// rhythm change moves it with the person's other held deliveries), never an interrupt, done when answered
// or when its round closes.
import type { Clock } from '../../shared/clock.js';
import type { DeliveryRow } from '../../shared/database.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { newId } from '../../shared/new-id.js';
import { noSlotReason } from './delivery.domain.js';
import type { Executor } from './delivery.repository.js';
import { releaseJobKind } from './delivery.service.js';
import type { DeliveryService } from './delivery.service.js';
import type { InboxItemView } from './delivery-view.js';

/** What an inbox item of kind `checkin` shows: the questions to answer, and where. */
export interface CheckinInboxView {
  checkinId: string;
  askId: string;
  title: string;
  date: string;
  questions: string[];
  answered: boolean;
}

/** A check-in ask to deliver: who, where, and when it is released (null: no slot within 400 days). */
export interface CheckinDelivery {
  askId: string;
  workspaceId: string;
  personId: string;
  threadId: string;
  channelId: string;
  authorId: string;
  releaseAt: number | null;
}

/** The first post of a thread (a check-in delivery's link into its thread); undefined when it has none. */
async function firstPostOf(db: Executor, threadId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('posts')
    .select('id')
    .where('threadId', '=', threadId)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Makes check-in questions inbox items, and finds their state for the inbox. */
export class CheckinDeliveries {
  constructor(
    private readonly clock: Clock,
    private readonly deliveries: Pick<DeliveryService, 'release'>,
    private readonly jobs: Pick<JobQueue<Executor>, 'ensureScheduled'>,
  ) {}

  /**
   * Stores the delivery of a check-in ask, held until `releaseAt` and released by the release job of the
   * person and that time (the batched one every delivery uses); released at once when that time has come.
   * Returns the delivery (undefined when the thread has no post to link to).
   */
  async deliver(tx: Executor, input: CheckinDelivery): Promise<DeliveryRow | undefined> {
    const postId = await firstPostOf(tx, input.threadId);
    if (postId === undefined) return undefined;
    const now = this.clock.now();
    const row: DeliveryRow = {
      id: newId(now),
      workspaceId: input.workspaceId,
      personId: input.personId,
      postId,
      threadId: input.threadId,
      channelId: input.channelId,
      authorId: input.authorId,
      kind: 'checkin',
      subjectId: input.askId,
      askId: null,
      state: 'held',
      releaseAt: input.releaseAt,
      heldReason: input.releaseAt === null ? noSlotReason : null,
      interruptReason: null,
      isEmergency: 0,
      deliveredAt: null,
      doneAt: null,
      snoozedUntil: null,
      createdAt: now,
    };
    await tx.insertInto('deliveries').values(row).execute();
    if (input.releaseAt === null) return row;
    if (input.releaseAt <= now) {
      await this.deliveries.release(tx, input.workspaceId, input.personId, now);
      return { ...row, state: 'delivered', deliveredAt: now };
    }
    await this.jobs.ensureScheduled(tx, {
      kind: releaseJobKind,
      subjectId: `${input.workspaceId}:${input.personId}:${input.releaseAt}`,
      workspaceId: input.workspaceId,
      dueAt: input.releaseAt,
    });
    return row;
  }

  /** The delivery of a check-in ask to its person. */
  find(db: Executor, askId: string): Promise<DeliveryRow | undefined> {
    return db
      .selectFrom('deliveries')
      .selectAll()
      .where('subjectId', '=', askId)
      .where('kind', '=', 'checkin')
      .executeTakeFirst();
  }

  /**
   * Releases a held check-in delivery that is due (with the person's other due deliveries); whether it is
   * delivered now. A held one whose release time is later stays held (the release job will come).
   */
  async releaseIfDue(tx: Executor, delivery: DeliveryRow, now: number): Promise<boolean> {
    if (delivery.state !== 'held') return true;
    if (delivery.releaseAt === null || delivery.releaseAt > now) return false;
    await this.deliveries.release(tx, delivery.workspaceId, delivery.personId, now);
    return true;
  }

  /** Marks the check-in deliveries of these asks done (answered, or their round closed). */
  async close(tx: Executor, askIds: readonly string[], now: number): Promise<void> {
    if (askIds.length === 0) return;
    await tx
      .updateTable('deliveries')
      .set({ state: 'done', doneAt: now })
      .where('kind', '=', 'checkin')
      .where('subjectId', 'in', [...askIds])
      .where('state', '!=', 'done')
      .execute();
  }
}

/**
 * Adds what the inbox shows of its `checkin` items (the questions, title and date of each ask), from the
 * listed deliveries `rows` (which carry the subject), in one query.
 */
export async function attachCheckins(
  db: Executor,
  items: readonly InboxItemView[],
  rows: readonly Pick<DeliveryRow, 'id' | 'kind' | 'subjectId'>[],
): Promise<void> {
  const subjectOf = new Map(
    rows.filter((r) => r.kind === 'checkin' && r.subjectId).map((r) => [r.id, r.subjectId!]),
  );
  const askIds = items.flatMap((i) => (subjectOf.has(i.id) ? [subjectOf.get(i.id)!] : []));
  if (askIds.length === 0) return;
  const asks = await db
    .selectFrom('checkinAsks as a')
    .innerJoin('checkins as c', 'c.id', 'a.checkinId')
    .select(['a.id', 'a.checkinId', 'a.localDate', 'a.state', 'c.title', 'c.questions'])
    .where('a.id', 'in', askIds)
    .execute();
  const byId = new Map(asks.map((a) => [a.id, a]));
  for (const item of items) {
    const ask = byId.get(subjectOf.get(item.id) ?? '');
    if (!ask) continue;
    item.checkin = {
      checkinId: ask.checkinId,
      askId: ask.id,
      title: ask.title,
      date: ask.localDate,
      questions: (JSON.parse(ask.questions) as { text: string }[]).map((q) => q.text),
      answered: ask.state === 'answered',
    };
  }
}
