// How deliveries, asks and their times look in the API.
import { toLocal } from '@meanwhile/time';
import type { AskRow, DeliveryRow } from '../../shared/database.js';
import type { InstantView, RecipientLanding } from '../../shared/delivery-planner.js';
import type { CheckinInboxView } from './delivery-checkin.js';
import type { PlannedDelivery, RecipientReason } from './delivery.domain.js';
import type { InboxRow } from './delivery.repository.js';

const iso = (ms: number) => new Date(ms).toISOString();

function local(timeZone: string, t: number) {
  const l = toLocal(timeZone, t);
  return { date: l.date, time: l.time, timeZone, utcOffsetMinutes: l.offsetMinutes };
}

/** An instant with the recipient's (`theirZone`) and the viewer's (`myZone`) wall clocks. */
export function instantView(t: number, theirZone: string, myZone: string): InstantView {
  return { at: iso(t), epochMs: t, theirs: local(theirZone, t), mine: local(myZone, t) };
}

const maybe = (t: number | null, theirZone: string, myZone: string) =>
  t === null ? null : instantView(t, theirZone, myZone);

/** A planned delivery as the landing preview shows it. */
export function plannedLanding(p: PlannedDelivery, theirZone: string, myZone: string): RecipientLanding {
  return {
    personId: p.personId,
    reasons: p.reasons,
    landsAt: maybe(p.releaseAt, theirZone, myZone),
    heldReason: p.heldReason,
    interrupt: p.interrupt,
    ask: p.ask ? { level: p.ask.level, state: 'open', dueAt: maybe(p.dueAt, theirZone, myZone) } : null,
  };
}

/**
 * A stored delivery as the post's landing shows it: when it landed or will land, never whether the
 * recipient has read or cleared it. `reasons` are not stored; asked people are known from the ask.
 */
export function storedLanding(
  d: DeliveryRow,
  ask: AskRow | undefined,
  estimatedDue: number | null,
  zones: { theirs: string; mine: string },
): RecipientLanding {
  const reasons: RecipientReason[] = ask ? ['asked'] : ['follower'];
  const landed = d.deliveredAt ?? d.releaseAt;
  return {
    personId: d.personId,
    reasons,
    landsAt: maybe(landed, zones.theirs, zones.mine),
    heldReason: d.state === 'held' ? d.heldReason : null,
    interrupt: d.interruptReason === null ? null : d.isEmergency ? 'emergency' : 'interrupt',
    ask: ask
      ? {
          level: ask.level,
          state: ask.state,
          dueAt: maybe(ask.dueAt ?? estimatedDue, zones.theirs, zones.mine),
        }
      : null,
  };
}

/** An inbox item. */
export interface InboxItemView {
  id: string;
  kind: DeliveryRow['kind'];
  postId: string;
  threadId: string;
  channelId: string;
  authorId: string;
  deliveredAt: string;
  snoozedUntil: string | null;
  interrupt: { reason: string; emergency: boolean } | null;
  ask: { id: string; level: AskRow['level']; state: AskRow['state']; dueAt: InstantView | null } | null;
  /** Set on a `checkin` item: the questions to answer (delivery-checkin.ts fills it). */
  checkin: CheckinInboxView | null;
}

/** A delivery as the recipient's inbox shows it (both wall clocks are the recipient's). */
export function toInboxItem(row: InboxRow, timeZone: string): InboxItemView {
  return {
    id: row.id,
    kind: row.kind,
    postId: row.postId,
    threadId: row.threadId,
    channelId: row.channelId,
    authorId: row.authorId,
    deliveredAt: iso(row.deliveredAt ?? row.createdAt),
    snoozedUntil: row.snoozedUntil === null ? null : iso(row.snoozedUntil),
    interrupt:
      row.interruptReason === null ? null : { reason: row.interruptReason, emergency: row.isEmergency === 1 },
    ask:
      row.askId === null || row.askLevel === null || row.askState === null
        ? null
        : {
            id: row.askId,
            level: row.askLevel,
            state: row.askState,
            dueAt: maybe(row.askDueAt, timeZone, timeZone),
          },
    checkin: null,
  };
}

/** An ask of mine that waits on someone else. */
export interface WaitingView {
  askId: string;
  postId: string;
  threadId: string;
  personId: string;
  level: AskRow['level'];
  /** Null until the ask is delivered (then counted in their working time), and for `fyi`. */
  dueAt: InstantView | null;
  acknowledgement: { note: string; at: string } | null;
}

/** An open ask of mine, its due time in the other person's zone and mine. */
export function toWaiting(ask: AskRow, theirZone: string, myZone: string): WaitingView {
  return {
    askId: ask.id,
    postId: ask.postId,
    threadId: ask.threadId,
    personId: ask.personId,
    level: ask.level,
    dueAt: maybe(ask.dueAt, theirZone, myZone),
    acknowledgement:
      ask.ackNote === null || ask.ackedAt === null ? null : { note: ask.ackNote, at: iso(ask.ackedAt) },
  };
}
