// The rules of delivery that need no database: when a delivery to a recipient is released (their next
// delivery slot, or their next batch time inside working hours), when an ask is due (the reply window
// counted in the recipient's working time), who is interrupted, and the week of the interruption budget.
import {
  addWorkingTime,
  isWorking,
  localToInstant,
  nextWorkingStart,
  toLocal,
  workingIntervals,
} from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';
import type { AskLevel } from '../../shared/delivery-planner.js';

/** What planning needs to know about a recipient (a subset of the rhythms module's delivery profile). */
export interface RecipientProfile {
  timeZone: string;
  /** Working hours less time off: the clock of due times. Focus blocks are working time. */
  present: Rhythm;
  /** Delivery slots: working, not focus, not time off. */
  slots: Rhythm;
  mode: 'as-they-come' | 'batched';
  batchTimes: string[];
  timeOff: { from: string; to: string }[];
}

/** Why a recipient receives a post. */
export type RecipientReason = 'follower' | 'mentioned' | 'asked';

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** The held reason of a recipient without any delivery slot within 400 days. */
export const noSlotReason = 'no delivery slot within 400 days (no working hours outside focus and time off)';
/** The held reason of an interrupt that met time off. */
export const timeOffReason =
  'on time off: an interrupt waits for the next slot (only an emergency goes through)';

/** `YYYY-MM-DD` plus `days` days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a delivery made at `now` is released: as they come, at once in a slot or at the next slot's start;
 * batched, at the next batch time (local) at or after `now`, moved to the next slot start when it falls
 * outside one. Null when no slot starts within 400 days.
 */
export function planRelease(profile: RecipientProfile, now: number): number | null {
  if (profile.mode === 'batched' && profile.batchTimes.length > 0) {
    const today = toLocal(profile.timeZone, now).date;
    // Every day has every batch time, so the next one is today's or tomorrow's (a DST gap moves it forward).
    for (const date of [today, addDays(today, 1), addDays(today, 2)]) {
      for (const time of profile.batchTimes) {
        const at = localToInstant(profile.timeZone, date, minutesOf(time));
        if (at >= now) return nextWorkingStart(profile.slots, at);
      }
    }
  }
  return nextWorkingStart(profile.slots, now);
}

/**
 * The release time of a snooze "to my next slot": the start of the next slot after the current one ends
 * (after `now` when not in one), by the person's delivery preference.
 */
export function nextSlotAfter(profile: RecipientProfile, now: number): number | null {
  if (!isWorking(profile.slots, now)) return planRelease(profile, now);
  const [current] = workingIntervals(profile.slots, now, now + 8 * dayMs);
  // A slot longer than the window (a week of 24-hour days): a day from now.
  const end = current && current[1] < now + 8 * dayMs ? current[1] : now + dayMs;
  return planRelease(profile, end);
}

/** When an ask delivered at `deliveredAt` is due: its window in the recipient's working time (null for fyi). */
export function askDueAt(
  profile: RecipientProfile,
  deliveredAt: number,
  windowHours: number | null,
): number | null {
  if (windowHours === null) return null;
  return addWorkingTime(profile.present, deliveredAt, windowHours * hourMs);
}

/** Whether `t` falls on a local date of the person's time off. */
export function isOnTimeOff(profile: RecipientProfile, t: number): boolean {
  const date = toLocal(profile.timeZone, t).date;
  return profile.timeOff.some((range) => range.from <= date && date <= range.to);
}

/** The week of the interruption budget: Monday 00:00 in `timeZone` at or before `now`, and the next one. */
export function budgetWeek(timeZone: string, now: number): { start: number; resetsAt: number } {
  const local = toLocal(timeZone, now);
  const sinceMonday = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(local.weekday);
  const monday = addDays(local.date, -sinceMonday);
  return {
    start: localToInstant(timeZone, monday, 0),
    resetsAt: localToInstant(timeZone, addDays(monday, 7), 0),
  };
}

/** One recipient of a post and why. */
export interface Recipient {
  personId: string;
  reasons: RecipientReason[];
  ask?: { level: AskLevel; windowHours: number | null };
}

/** What the post will do for one recipient. */
export interface PlannedDelivery extends Recipient {
  releaseAt: number | null;
  heldReason: string | null;
  interrupt: 'interrupt' | 'emergency' | null;
  /** Due time of the ask when released at `releaseAt` (the stored one is set at release). */
  dueAt: number | null;
}

/** How a post is sent: at `now`, perhaps as an interrupt (of its named recipients) or an emergency. */
export interface SendMode {
  now: number;
  interrupt: 'interrupt' | 'emergency' | null;
}

/**
 * Plans one recipient: an interrupt reaches a named recipient at once unless they are on time off (then
 * only an emergency does); everyone else is released at their next delivery slot.
 */
export function planDelivery(
  recipient: Recipient,
  profile: RecipientProfile,
  mode: SendMode,
): PlannedDelivery {
  const isNamed = recipient.reasons.includes('mentioned') || recipient.reasons.includes('asked');
  let interrupt: PlannedDelivery['interrupt'] = null;
  let heldReason: string | null = null;
  let releaseAt: number | null;
  if (mode.interrupt && isNamed && (mode.interrupt === 'emergency' || !isOnTimeOff(profile, mode.now))) {
    interrupt = mode.interrupt;
    releaseAt = mode.now;
  } else {
    releaseAt = planRelease(profile, mode.now);
    if (mode.interrupt && isNamed) heldReason = timeOffReason;
    if (releaseAt === null) heldReason = noSlotReason;
  }
  const dueAt =
    recipient.ask && releaseAt !== null ? askDueAt(profile, releaseAt, recipient.ask.windowHours) : null;
  return { ...recipient, releaseAt, heldReason, interrupt, dueAt };
}

/** Whom a post reaches: followers, mentioned and asked people, never its author, each once. */
export function collectRecipients(input: {
  authorId: string;
  followers: readonly string[];
  mentions: readonly string[];
  asks: readonly { personId: string; level: AskLevel; windowHours: number | null }[];
}): Recipient[] {
  const byId = new Map<string, Recipient>();
  const add = (personId: string, reason: RecipientReason) => {
    if (personId === input.authorId) return;
    const recipient = byId.get(personId) ?? { personId, reasons: [] };
    if (!recipient.reasons.includes(reason)) recipient.reasons.push(reason);
    byId.set(personId, recipient);
  };
  for (const id of input.followers) add(id, 'follower');
  for (const id of input.mentions) add(id, 'mentioned');
  for (const ask of input.asks) {
    add(ask.personId, 'asked');
    const recipient = byId.get(ask.personId);
    if (recipient) recipient.ask = { level: ask.level, windowHours: ask.windowHours };
  }
  return [...byId.values()];
}
