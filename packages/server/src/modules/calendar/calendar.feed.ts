// A person's private iCalendar feed (RFC 5545), written with ical-generator: every timed event in the
// person's own zone with a VTIMEZONE made from @meanwhile/time's zone data, all-day events for time off,
// stable UIDs (the same event keeps its UID from one fetch to the next), and RFC 5545 escaping and folding
// of every text (BAD_INPUT row 23), which ical-generator does.
import { createHash } from 'node:crypto';
import { toLocal } from '@meanwhile/time';
import ical, { ICalCalendarMethod } from 'ical-generator';

/** One event of a feed. */
export interface FeedEvent {
  /** Stable across fetches: what the event is (kind, subject and occurrence), never when it was made. */
  key: string;
  summary: string;
  description?: string;
  /** Epoch ms; for an all-day event, ignored in favour of `dates`. */
  start: number;
  end: number;
  /** Local dates `[first, last]` (inclusive) of an all-day event. */
  dates?: [string, string];
  /** `busy` blocks time in calendar clients; `free` shows without blocking (sync windows). */
  transparency: 'busy' | 'free';
  /** For clients that group: `meeting`, `sync-window`, `focus`, `time-off`, `ask-due`, `decision-close`. */
  category: string;
}

/** The feed's own host part of UIDs. */
const uidDomain = 'meanwhile.invalid';
const dayMs = 86_400_000;

/** A stable UID: a hash of the event's key and the feed's owner, so feeds of two people never share one. */
export function eventUid(ownerKey: string, eventKey: string): string {
  return `${createHash('sha256').update(`${ownerKey}\n${eventKey}`).digest('hex').slice(0, 32)}@${uidDomain}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYYMMDDTHHMMSS` of a wall-clock reading. */
function wallClock(zone: string, t: number): string {
  const local = toLocal(zone, t);
  const seconds = Math.floor((((t % 60_000) + 60_000) % 60_000) / 1000);
  return `${local.date.replaceAll('-', '')}T${local.time.replace(':', '')}${pad(seconds)}`;
}
const offset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
};

/** The instants in `[from, to)` where the zone's UTC offset changes (found by day steps, then bisection). */
function offsetChanges(
  zone: string,
  from: number,
  to: number,
): { at: number; before: number; after: number }[] {
  const out: { at: number; before: number; after: number }[] = [];
  let previous = toLocal(zone, from).offsetMinutes;
  for (let t = from; t < to; t += dayMs) {
    const next = Math.min(t + dayMs, to);
    const after = toLocal(zone, next).offsetMinutes;
    if (after === previous) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (toLocal(zone, mid).offsetMinutes === previous) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, before: previous, after });
    previous = after;
  }
  return out;
}

/**
 * The VTIMEZONE of `zone` over `[from, to)`: one STANDARD or DAYLIGHT observance per offset change (each
 * with a single DTSTART, so no rule is guessed), and the offset in force at `from`. The kind is DAYLIGHT
 * when the new offset is the larger of the pair, as is true of every zone's summer time.
 */
export function vtimezone(zone: string, from: number, to: number): string {
  const first = toLocal(zone, from).offsetMinutes;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (kind: string, start: string, before: number, after: number) =>
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${offset(before)}`,
      `TZOFFSETTO:${offset(after)}`,
      `END:${kind}`,
    );
  observance('STANDARD', '19700101T000000', first, first);
  for (const change of offsetChanges(zone, from, to)) {
    // DTSTART of an observance is the local time before the change (RFC 5545 §3.6.5).
    const local = wallClock('UTC', change.at + change.before * 60_000);
    observance(change.after > change.before ? 'DAYLIGHT' : 'STANDARD', local, change.before, change.after);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/**
 * A wall-clock date-time that ical-generator writes as `TZID=zone:YYYYMMDDTHHMMSS` without consulting the
 * process's zone (its `Date` path reads local fields of the server's zone, wrong on any server not in
 * `zone`): it has the shape of a Temporal ZonedDateTime, with fields from @meanwhile/time.
 */
function zoned(zone: string, t: number) {
  const local = toLocal(zone, t);
  const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
  const fields = {
    year,
    month,
    day,
    hour: Math.floor(local.minutes / 60),
    minute: local.minutes % 60,
    second: Math.floor((((t % 60_000) + 60_000) % 60_000) / 1000),
  };
  const plain = {
    ...fields,
    toZonedDateTime: () => zonedValue,
    toPlainDate: () => ({ year, month, day }),
  };
  const zonedValue = {
    ...fields,
    timeZoneId: zone,
    epochMilliseconds: t,
    toPlainDateTime: () => plain,
    withTimeZone: () => zonedValue,
    toInstant: () => ({ epochMilliseconds: t }),
    toString: () => new Date(t).toISOString(),
  };
  return zonedValue;
}

/** A local date in the shape of a Temporal PlainDateTime at midnight, written as `VALUE=DATE:YYYYMMDD`. */
function plainDate(date: string) {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const value = {
    year,
    month,
    day,
    hour: 0,
    minute: 0,
    second: 0,
    toZonedDateTime: () => value,
    toPlainDate: () => ({ year, month, day }),
    toString: () => date,
  };
  return value;
}

const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);

/** The whole feed as an iCalendar document. */
export function renderFeed(input: {
  name: string;
  ownerKey: string;
  timeZone: string;
  from: number;
  to: number;
  events: readonly FeedEvent[];
  /** DTSTAMP of every event: the time of the fetch. */
  now: number;
}): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: 'Meanwhile', product: 'feed', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: with one, ical-generator writes DTSTAMP in it, without the required UTC `Z`.
    timezone: { name: null, generator: (zone) => vtimezone(zone, input.from, input.to) },
  });
  for (const event of input.events) {
    const common = {
      id: eventUid(input.ownerKey, event.key),
      summary: event.summary,
      stamp: new Date(input.now),
      transparency: event.transparency === 'busy' ? 'OPAQUE' : 'TRANSPARENT',
      categories: [{ name: event.category }],
      ...(event.description === undefined ? {} : { description: event.description }),
    } as const;
    if (event.dates) {
      const [first, last] = event.dates;
      calendar.createEvent({
        ...common,
        allDay: true,
        start: plainDate(first),
        end: plainDate(nextDate(last)),
      } as never);
    } else {
      calendar.createEvent({
        ...common,
        timezone: input.timeZone,
        start: zoned(input.timeZone, event.start),
        end: zoned(input.timeZone, event.end),
      } as never);
    }
  }
  return calendar.toString();
}
