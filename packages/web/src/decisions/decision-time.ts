// A decision's times in words, always through `Intl` (ui/time-format): mine first, then the time of the
// person whose rhythm set it ("18:00 Mon for you · 09:00 Tue for Ana").
import { wallClock } from '../ui/time-format';
import type { InstantView } from './types';

/** "18:00 Mon for you · 09:00 Tue for Ana", or one time when we share a zone. */
export function forMeAndThem(instant: InstantView, theirName: string, now?: number): string {
  const mine = wallClock(instant.at, instant.mine.timeZone, now);
  if (instant.theirs.timeZone === instant.mine.timeZone) return `${mine} for you`;
  return `${mine} for you · ${wallClock(instant.at, instant.theirs.timeZone, now)} for ${theirName}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "26 Nov 2026, 18:00": a date and time in `timeZone`, for the log. */
export function dateAndTime(at: string, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    dateFormats.set(timeZone, format);
  }
  return format.format(new Date(at));
}

/**
 * The instant a `<input type="datetime-local">` value names in the browser's zone (mine), as ISO 8601,
 * or undefined when empty or invalid. The browser's own date parsing does the zone arithmetic.
 */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
