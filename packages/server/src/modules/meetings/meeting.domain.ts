// The rules of meetings that need no database (PRODUCT.md "Sync time"): the notice each invitee is owed,
// counted in that invitee's working time; whether a time lies inside a sync window (or a sync day) of the
// agreement; and whether a move or a cancellation comes too late.
import { addWorkingTime, localToInstant, toLocal } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';

/** A recurring sync window of the agreement (as modules/agreements stores it). */
export interface WindowRule {
  timeZone: string;
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  /** Local `HH:MM-HH:MM`. */
  hours: string;
}

/** A whole weekday marked `sync` or `no-meeting` (as modules/agreements stores it). */
export interface DayRule {
  timeZone: string;
  day: WindowRule['day'];
  kind: 'sync' | 'no-meeting';
}

/** One invitee's notice: when the agreement's notice, counted in their working time, has passed. */
export interface InviteeNotice {
  personId: string;
  /** Null when the invitee has no such working time within 400 days. */
  earliestStart: number | null;
}

/** The notice rule applied to every invitee of a request. */
export interface NoticeCheck {
  invitees: InviteeNotice[];
  /** The latest of the invitees' earliest starts; null when one of them has none. */
  earliestStart: number | null;
  isSatisfied: boolean;
}

const hourMs = 3_600_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Checks that `startsAt` gives every invitee at least `noticeHours` of their own working time after
 * `requestedAt` (`addWorkingTime(rhythm_i, requestedAt, notice) <= startsAt` for every i).
 *
 * @example
 * checkNotice([{ personId, present }], Date.now(), start, 16).earliestStart // when the meeting may start
 */
export function checkNotice(
  invitees: readonly { personId: string; present: Rhythm }[],
  requestedAt: number,
  startsAt: number,
  noticeHours: number,
): NoticeCheck {
  let earliestStart: number | null = requestedAt;
  const each = invitees.map(({ personId, present }) => {
    const at = addWorkingTime(present, requestedAt, noticeHours * hourMs);
    if (at === null) earliestStart = null;
    else if (earliestStart !== null && at > earliestStart) earliestStart = at;
    return { personId, earliestStart: at };
  });
  return { invitees: each, earliestStart, isSatisfied: earliestStart !== null && startsAt >= earliestStart };
}

/** The instants of a local weekday's `[startMin, endMin)` in a zone on the local date of `t`, if it is that day. */
function occurrenceOn(
  rule: { timeZone: string; day: WindowRule['day'] },
  date: string,
  startMin: number,
  endMin: number,
): [number, number] {
  return [localToInstant(rule.timeZone, date, startMin), localToInstant(rule.timeZone, date, endMin)];
}

/** The local dates in `zone` that `[start, end)` touches (at most a few: meetings last hours). */
function datesTouched(zone: string, start: number, end: number): { date: string; weekday: string }[] {
  const out: { date: string; weekday: string }[] = [];
  for (let t = start; ;) {
    const local = toLocal(zone, t);
    if (out.at(-1)?.date !== local.date) out.push({ date: local.date, weekday: local.weekday });
    const next = localToInstant(zone, local.date, 1440);
    if (next >= end) break;
    t = next;
  }
  return out;
}

/**
 * Whether `[start, end)` lies inside one occurrence of a sync window or sync day, and touches no
 * no-meeting day.
 */
export function isInsideSyncTime(
  windows: readonly WindowRule[],
  days: readonly DayRule[],
  start: number,
  end: number,
): boolean {
  for (const rule of days) {
    if (rule.kind !== 'no-meeting') continue;
    if (datesTouched(rule.timeZone, start, end).some((d) => d.weekday === rule.day)) return false;
  }
  const candidates: { timeZone: string; day: WindowRule['day']; from: number; to: number }[] = [
    ...windows.map((w) => ({ ...w, from: minutesOf(w.hours.slice(0, 5)), to: minutesOf(w.hours.slice(6)) })),
    ...days.filter((d) => d.kind === 'sync').map((d) => ({ ...d, from: 0, to: 1440 })),
  ];
  return candidates.some((rule) => {
    const local = toLocal(rule.timeZone, start);
    // The window's occurrence on the meeting's local start date, or on the day before (a start exactly at
    // a window's 24:00 end belongs to no occurrence anyway).
    if (local.weekday !== rule.day) return false;
    const [s, e] = occurrenceOn(rule, local.date, rule.from, rule.to);
    return s <= start && end <= e;
  });
}

/**
 * Whether changing a meeting at `now` comes inside the notice: some invitee would no longer get the full
 * notice before its current start.
 */
export function isLateChange(
  invitees: readonly { personId: string; present: Rhythm }[],
  now: number,
  currentStart: number,
  noticeHours: number,
): boolean {
  return !checkNotice(invitees, now, currentStart, noticeHours).isSatisfied;
}
