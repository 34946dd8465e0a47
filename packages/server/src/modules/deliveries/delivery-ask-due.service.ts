import type { RhythmService } from '../rhythms/index.js';
import type { Clock } from '../../shared/clock.js';
import type { EventPublisher, EventToPublish } from '../../shared/event-publisher.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { askDueAt } from './delivery.domain.js';
import { listDeliveredOpenAsks, moveAskDue } from './delivery-ask-due.repository.js';
import type { DeliveredOpenAsk } from './delivery-ask-due.repository.js';
import type { Executor } from './delivery.repository.js';
import { remindJobKind } from './delivery.service.js';

/** The event told to the asked person and the asker when an ask's due time moved. */
export const askDueChangedEvent = 'ask.due-changed';

/** An ask whose due time moved. */
export interface MovedAskDue {
  askId: string;
  from: number | null;
  to: number | null;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function dueChangedEvents(ask: DeliveredOpenAsk, to: number | null): EventToPublish[] {
  const payload = {
    askId: ask.id,
    postId: ask.postId,
    threadId: ask.threadId,
    personId: ask.personId,
    level: ask.level,
    dueAt: iso(to),
    previousDueAt: iso(ask.dueAt),
  };
  // The asked person's inbox orders asks by due time; the asker's "waiting on others" shows it.
  return [ask.personId, ask.askerId].map((personId) => ({
    workspaceId: ask.workspaceId,
    personId,
    type: askDueChangedEvent,
    payload,
  }));
}

/**
 * Re-counts the due times of a person's delivered open asks after their rhythm, focus blocks, time off or
 * delivery preference changed (PRODUCT.md: a reply is due in the recipient's working time; time off pauses
 * the clock). An ask that is not overdue gets `addWorkingTime(newRhythm, deliveredAt, window)`, as if the
 * new rhythm had held since it was delivered, and its reminder job moves with it. Overdue and reminded asks
 * keep their due time and their one reminder: a change never takes back a reminder, nor makes a second.
 * A due time that the new rhythm puts at or before now makes the ask overdue at once; its reminder is then
 * made by the scheduler in the person's next slot, never as an interrupt.
 */
export class AskDueReplanner {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly jobs: Pick<JobQueue<Executor>, 'schedule' | 'cancel'>,
    private readonly events: EventPublisher<Executor>,
  ) {}

  /** Re-plans one person's asks in one transaction; returns the asks whose due time moved. */
  async replan(personId: string): Promise<MovedAskDue[]> {
    return this.db.transaction().execute(async (tx) => {
      const now = this.clock.now();
      const asks = await listDeliveredOpenAsks(tx, personId, now);
      if (asks.length === 0) return [];
      const profile = (await this.rhythms.deliveryProfiles([personId], tx)).get(personId)!;
      const moved: MovedAskDue[] = [];
      const events: EventToPublish[] = [];
      for (const ask of asks) {
        const to = askDueAt(profile, ask.deliveredAt, ask.windowHours);
        if (to === ask.dueAt || !(await moveAskDue(tx, ask.id, ask.dueAt, to))) continue;
        if (to === null) await this.jobs.cancel(tx, { kind: remindJobKind, subjectId: ask.id });
        else
          await this.jobs.schedule(tx, {
            kind: remindJobKind,
            subjectId: ask.id,
            workspaceId: ask.workspaceId,
            dueAt: to,
          });
        moved.push({ askId: ask.id, from: ask.dueAt, to });
        events.push(...dueChangedEvents(ask, to));
      }
      if (events.length > 0) await this.events.publish(tx, events);
      return moved;
    });
  }
}
