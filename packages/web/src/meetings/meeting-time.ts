// The wall-clock arithmetic of the meeting form, always through `Intl`: a `datetime-local` value read in my
// rhythm's zone (not the browser's), and whether a meeting lies inside one of the agreement's sync windows
// or sync days (the server decides; this only marks the field as the person types).
import { zoneOffsetMs } from '../time-map/time-map-model';

/** A weekly sync window of the agreement: `hours` is local `HH:MM-HH:MM` in `timeZone`. */
export interface SyncWindowRule {
  timeZone: string;
  day: string;
  hours: string;
}

/** A whole weekday marked `sync` or `no-meeting` in the agreement. */
export interface MeetingDayRule {
  timeZone: string;
  day: string;
  kind: 'sync' | 'no-meeting';
}

const localParts = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string): Intl.DateTimeFormat {
  let format = localParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    localParts.set(timeZone, format);
  }
  return format;
}

/** The local date (`YYYY-MM-DD`), weekday (`mon`…`sun`) and minutes of the day of `ms` in `timeZone`. */
export function localOf(ms: number, timeZone: string): { date: string; weekday: string; minutes: number } {
  const parts = Object.fromEntries(
    partsIn(timeZone)
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: (parts.weekday ?? '').slice(0, 3).toLowerCase(),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/**
 * The instant a `datetime-local` value (`2026-12-01T15:00`) names in `timeZone`, or null when it is
 * empty or not a time. A wall time skipped by a DST change lands just after it.
 */
export function localInputToMs(value: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wall)) return null;
  // The offset at the wall time may differ from the guess's (a DST change between): settle in two steps.
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** The `datetime-local` value of `ms` in `timeZone` (`2026-12-01T15:00`). */
export function msToLocalInput(ms: number, timeZone: string): string {
  const local = localOf(ms, timeZone);
  const minutes = local.minutes;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${local.date}T${hh}:${mm}`;
}

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** Whether `[start, end)` sits in one occurrence of `[from, to)` minutes on `day` in `timeZone`. */
function insideRule(
  rule: { timeZone: string; day: string; from: number; to: number },
  start: number,
  end: number,
): boolean {
  const first = localOf(start, rule.timeZone);
  if (first.weekday !== rule.day || first.minutes < rule.from) return false;
  const last = localOf(end, rule.timeZone);
  if (last.date === first.date) return last.minutes <= rule.to;
  // Ending exactly at midnight closes a window that runs to 24:00.
  const midnightEnd = start + (1440 - first.minutes) * 60_000;
  return rule.to === 1440 && end <= midnightEnd;
}

/**
 * Whether a meeting `[start, end)` lies inside a sync window or sync day of the agreement and touches no
 * no-meeting day: the rule the server applies (modules/meetings), for marking the form before it answers.
 */
export function isInsideSyncTime(
  windows: readonly SyncWindowRule[],
  days: readonly MeetingDayRule[],
  start: number,
  end: number,
): boolean {
  for (const rule of days) {
    if (rule.kind !== 'no-meeting') continue;
    if (
      localOf(start, rule.timeZone).weekday === rule.day ||
      localOf(end - 1, rule.timeZone).weekday === rule.day
    ) {
      return false;
    }
  }
  const rules = [
    ...windows.map((w) => ({
      timeZone: w.timeZone,
      day: w.day,
      from: minutesOf(w.hours.slice(0, 5)),
      to: minutesOf(w.hours.slice(6)),
    })),
    ...days
      .filter((d) => d.kind === 'sync')
      .map((d) => ({ timeZone: d.timeZone, day: d.day, from: 0, to: 1440 })),
  ];
  return rules.some((rule) => insideRule(rule, start, end));
}

/** The instant an error message names (`… must be at or after 2026-12-01T14:00:00.000Z …`), if any. */
export function instantInMessage(message: string | undefined): number | null {
  const match = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/.exec(message ?? '');
  return match ? Date.parse(match[0]) : null;
}

const dayNames: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** "Tue 15:00–16:00 Berlin": a weekly window in words. */
export function describeWindow(rule: SyncWindowRule): string {
  const place = (rule.timeZone.split('/').pop() ?? rule.timeZone).replaceAll('_', ' ');
  return `${dayNames[rule.day] ?? rule.day} ${rule.hours.replace('-', '–')} ${place}`;
}

/** "Tue (Berlin)": a weekday of the agreement's meeting days in words. */
export function describeDay(rule: { timeZone: string; day: string }): string {
  const place = (rule.timeZone.split('/').pop() ?? rule.timeZone).replaceAll('_', ' ');
  return `${dayNames[rule.day] ?? rule.day} (${place})`;
}
