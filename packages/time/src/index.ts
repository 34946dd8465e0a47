/**
 * `@meanwhile/time`: exact, fast working-time arithmetic over IANA time zones.
 *
 * A {@link Rhythm} is a person's weekly local hours in a time zone, with exceptions for dates. Every function
 * works on epoch milliseconds, is pure and synchronous, and follows PRODUCT.md "Time": half-open intervals,
 * `24:00` as an end, touching intervals of adjacent days joined, the *compatible* rule for local times in a
 * daylight-saving gap or overlap, single-date exceptions over ranges and later entries over earlier ones.
 *
 * @example
 * import { parseRhythm, addWorkingTime } from '@meanwhile/time';
 * const ana = parseRhythm({ timeZone: 'Europe/Berlin', week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'] } });
 * addWorkingTime(ana, Date.now(), 4 * 3_600_000); // when a `today` ask sent now is due
 *
 * @packageDocumentation
 */
export { RhythmError } from './rhythm-error.js';
export { Rhythm, WEEKDAYS } from './rhythm.js';
export type { BlocksInput, ExceptionInput, RhythmInput, WeekInput, Weekday } from './rhythm.js';
export { MAX_EXCEPTIONS, parseBlocks, parseRhythm, subtractBlocks } from './parse-rhythm.js';
export { MAX_INTERVALS_PER_DAY } from './hours.js';
export {
  HORIZON_MS,
  addWorkingTime,
  isWorking,
  nextWorkingStart,
  workingIntervals,
  workingTimeBetween,
} from './working-time.js';
export { overlap } from './overlap.js';
export type { OverlapOptions, OverlapSegment } from './overlap.js';
export { isTimeZone, localToInstant, toLocal } from './local-time.js';
export type { LocalTime } from './local-time.js';
