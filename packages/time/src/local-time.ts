// Conversions between instants and a zone's wall clock, for the parts of the product that schedule at a
// local time of day (batched deliveries, check-ins, digests).
import { DAY_MS, MINUTE_MS, formatDay, weekdayOf } from './civil.js';
import { parseDate } from './hours.js';
import { WEEKDAYS } from './rhythm.js';
import type { Weekday } from './rhythm.js';
import { checkInstant } from './working-time.js';
import { getZone } from './zone.js';
import type { Zone } from './zone.js';

export { isTimeZone } from './zone.js';

/** A wall-clock reading of an instant in a zone. */
export interface LocalTime {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** Local time, `HH:MM` (seconds dropped). */
  time: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  /** UTC offset in minutes (local = UTC + offset). */
  offsetMinutes: number;
}

function zoneOf(timeZone: string): Zone {
  const zone = getZone(timeZone);
  if (zone === null) throw new RangeError(`unknown time zone "${String(timeZone).slice(0, 64)}"`);
  return zone;
}

/**
 * The wall clock of instant `t` in `timeZone`.
 *
 * @example toLocal('Asia/Kathmandu', Date.UTC(2026, 0, 1)) // { date: '2026-01-01', time: '05:45', … }
 */
export function toLocal(timeZone: string, t: number): LocalTime {
  checkInstant(t, 't');
  const zone = zoneOf(timeZone);
  const offset = zone.offsetAt(t);
  const local = t + offset;
  const day = Math.floor(local / DAY_MS);
  const minutes = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  return {
    date: formatDay(day),
    time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    weekday: WEEKDAYS[weekdayOf(day)]!,
    minutes,
    offsetMinutes: Math.round(offset / MINUTE_MS),
  };
}

/**
 * The instant of local `date` (`YYYY-MM-DD`) at `minutes` past local midnight (0–1440) in `timeZone`, by the
 * compatible rule: a time in a gap moves forward by the gap's length, an ambiguous time takes the earlier
 * occurrence.
 *
 * @throws {RangeError} for an unknown zone or minutes out of range; {@link RhythmError} for a bad date.
 */
export function localToInstant(timeZone: string, date: string, minutes: number): number {
  const zone = zoneOf(timeZone);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw new RangeError(`minutes must be an integer from 0 to 1440, got ${String(minutes)}`);
  }
  const day = parseDate(date, 'date');
  return zone.localToInstant(day * DAY_MS + minutes * MINUTE_MS);
}
