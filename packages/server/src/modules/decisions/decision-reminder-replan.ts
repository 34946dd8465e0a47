import { addWorkingTime } from '@meanwhile/time';
import type { RhythmService } from '../rhythms/index.js';
import type { Clock } from '../../shared/clock.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { reminderShare } from './decision.domain.js';
import type { Executor } from './decision.repository.js';
import { remindJobKind } from './decision.service.js';

const hourMs = 3_600_000;

/** A required participant's reminder that moved. */
export interface MovedDecisionReminder {
  decisionId: string;
  from: number | null;
  to: number | null;
}

/**
 * A person's reminders still to come: required participant of an open decision, not yet reminded, with
 * the reminder later than `now` (or without one: no working time when it was counted). By decision id, so
 * that concurrent re-plans lock rows in one order.
 */
function listPendingReminders(db: Executor, personId: string, now: number) {
  return db
    .selectFrom('decisionParticipants as p')
    .innerJoin('decisions as d', 'd.id', 'p.decisionId')
    .select(['p.decisionId', 'p.remindAt', 'd.workspaceId', 'd.openedAt', 'd.windowHours'])
    .where('p.personId', '=', personId)
    .where('p.isRequired', '=', 1)
    .where('p.remindedAt', 'is', null)
    .where('d.state', '=', 'open')
    .where((eb) => eb.or([eb('p.remindAt', 'is', null), eb('p.remindAt', '>', now)]))
    .orderBy('p.decisionId')
    .execute();
}

/** Moves a reminder from `from` to `to`; false when it changed meanwhile (reminded, or moved by another). */
async function moveReminder(
  db: Executor,
  key: { decisionId: string; personId: string },
  from: number | null,
  to: number | null,
): Promise<boolean> {
  const query = db
    .updateTable('decisionParticipants')
    .set({ remindAt: to })
    .where('decisionId', '=', key.decisionId)
    .where('personId', '=', key.personId)
    .where('remindedAt', 'is', null);
  const result = await (
    from === null ? query.where('remindAt', 'is', null) : query.where('remindAt', '=', from)
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * After a person's rhythm, focus blocks or time off change: the 75% reminder of each open decision they
 * must answer, not yet sent, is counted again in their new working time, as if it had held since the
 * decision opened (`addWorkingTime(present, openedAt, 75% of the window)`), and its job moves with it.
 * The decision's close never moves (it was fixed at opening); nor does a reminder already sent or due.
 * A reminder the new rhythm puts at or before now is made at once, delivered in the person's next slot.
 */
export class DecisionReminderReplanner {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly jobs: Pick<JobQueue<Executor>, 'schedule' | 'cancel'>,
  ) {}

  /** Re-plans one person's pending decision reminders in one transaction; returns those that moved. */
  async replan(personId: string): Promise<MovedDecisionReminder[]> {
    return this.db.transaction().execute(async (tx) => {
      const now = this.clock.now();
      const pending = await listPendingReminders(tx, personId, now);
      if (pending.length === 0) return [];
      const { present } = (await this.rhythms.deliveryProfiles([personId], tx)).get(personId)!;
      const moved: MovedDecisionReminder[] = [];
      for (const p of pending) {
        const to = addWorkingTime(present, p.openedAt, Math.round(p.windowHours * hourMs * reminderShare));
        const key = { decisionId: p.decisionId, personId };
        if (to === p.remindAt || !(await moveReminder(tx, key, p.remindAt, to))) continue;
        const subjectId = `${p.decisionId}:${personId}`;
        if (to === null) await this.jobs.cancel(tx, { kind: remindJobKind, subjectId });
        else
          await this.jobs.schedule(tx, {
            kind: remindJobKind,
            subjectId,
            workspaceId: p.workspaceId,
            dueAt: Math.max(to, now),
          });
        moved.push({ decisionId: p.decisionId, from: p.remindAt, to });
      }
      return moved;
    });
  }
}
