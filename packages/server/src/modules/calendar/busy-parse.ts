// Reading busy times out of an iCalendar file a person imports (their other calendar), with ical.js:
// maintained by Mozilla for Thunderbird, no dependencies, RFC 5545 recurrence expansion and VTIMEZONE
// support built in (node-ical pulls in a Temporal polyfill and an RRULE library for the same).
import { isTimeZone, localToInstant } from '@meanwhile/time';
import ICAL from 'ical.js';

/** The most busy intervals kept from one calendar. */
export const maxBusyIntervals = 2000;
/** The most occurrences one recurring event may expand to (an unbounded RRULE stops here). */
const maxOccurrences = 500;

/** Thrown when the text is not an iCalendar document. */
export class NotICalendar extends Error {}

type Zones = Map<string, ICAL.Timezone>;

/** Epoch ms of an ical.js time: its own zone when the file defines it, an IANA zone by name, else UTC. */
function instantOf(time: ICAL.Time, tzid: string | null, zones: Zones): number {
  if (time.zone === ICAL.Timezone.utcTimezone) return time.toUnixTime() * 1000;
  const zone = tzid === null ? undefined : zones.get(tzid);
  if (zone) {
    const copy = time.clone();
    copy.zone = zone;
    return copy.toUnixTime() * 1000;
  }
  const date = `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
  const minutes = time.isDate ? 0 : time.hour * 60 + time.minute;
  if (tzid !== null && isTimeZone(tzid))
    return localToInstant(tzid, date, minutes) + (time.isDate ? 0 : time.second * 1000);
  // Floating times and unknown zones: read as UTC, the one reading that does not depend on the server.
  return Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 + (time.isDate ? 0 : time.second * 1000);
}

/** Merges overlapping or touching intervals. */
function merge(intervals: [number, number][]): [number, number][] {
  intervals.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of intervals) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * The busy intervals `[start, end)` (epoch ms, merged) of an iCalendar document within `[from, to)`:
 * every event that is not transparent or cancelled, recurrences expanded.
 *
 * @throws {NotICalendar} when the text does not parse as a VCALENDAR.
 */
export function parseBusy(text: string, from: number, to: number): [number, number][] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new NotICalendar('not an iCalendar document', { cause: error });
  }
  if (root.name !== 'vcalendar') throw new NotICalendar('not a VCALENDAR');
  const zones: Zones = new Map();
  for (const component of root.getAllSubcomponents('vtimezone')) {
    const tzid = component.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(component));
  }
  const busy: [number, number][] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    if (busy.length >= maxBusyIntervals) break;
    if (String(component.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT') continue;
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    const tzid = component.getFirstProperty('dtstart')?.getParameter('tzid') ?? null;
    const tz = typeof tzid === 'string' ? tzid : null;
    const length = event.endDate
      ? instantOf(event.endDate, tz, zones) - instantOf(event.startDate, tz, zones)
      : event.startDate.isDate
        ? 86_400_000
        : 0;
    if (length <= 0) continue;
    const iterator = event.iterator();
    for (let n = 0; n < maxOccurrences && busy.length < maxBusyIntervals; n++) {
      const next = iterator.next();
      if (!next) break;
      const start = instantOf(next, tz, zones);
      if (start >= to) break;
      if (start + length > from) busy.push([Math.max(start, from), Math.min(start + length, to)]);
      if (!event.isRecurring()) break;
    }
  }
  return merge(busy);
}
