import { formatDay } from './civil.js';
import { NO_HOURS, expectArray, expectObject, formatHours, join, parseDate, parseDayHours } from './hours.js';
import { Rhythm, WEEKDAYS } from './rhythm.js';
import type { BlockSet, BlocksInput, DateRange, ParsedException, WeekInput } from './rhythm.js';
import { RhythmError } from './rhythm-error.js';
import { getZone } from './zone.js';

/** Most exceptions a rhythm may have. */
export const MAX_EXCEPTIONS = 1000;
/** Most instant blocks one {@link subtractBlocks} call may take. */
export const MAX_INSTANT_BLOCKS = 10_000;

function parseWeek(value: unknown, path: string): { week: (readonly number[])[]; input: WeekInput } {
  const object = expectObject(value, path, WEEKDAYS);
  const week: (readonly number[])[] = [];
  const input: WeekInput = {};
  for (const day of WEEKDAYS) {
    const hours = object[day] === undefined ? NO_HOURS : parseDayHours(object[day], join(path, day));
    week.push(hours);
    input[day] = formatHours(hours);
  }
  return { week, input };
}

interface ParsedDates {
  from: number;
  to: number;
  single: boolean;
}

function parseDateOrRange(object: Record<string, unknown>, path: string): ParsedDates {
  if (object.date !== undefined) {
    if (object.from !== undefined || object.to !== undefined) {
      throw new RhythmError(path, 'give either "date" or "from" and "to", not both');
    }
    const day = parseDate(object.date, join(path, 'date'));
    return { from: day, to: day, single: true };
  }
  if (object.from === undefined)
    throw new RhythmError(join(path, 'from'), 'missing: give "date", or "from" and "to"');
  if (object.to === undefined)
    throw new RhythmError(join(path, 'to'), 'missing: a range needs "to" as well as "from"');
  const from = parseDate(object.from, join(path, 'from'));
  const to = parseDate(object.to, join(path, 'to'));
  if (from > to)
    throw new RhythmError(
      join(path, 'to'),
      `"${String(object.to)}" is before "from" (${String(object.from)})`,
    );
  return { from, to, single: false };
}

/**
 * Parses and validates a rhythm in its JSON form.
 *
 * @throws {RhythmError} with the `path` of the first problem: unknown time zone, malformed or out-of-range
 * times, an end not after its start, unsorted or overlapping intervals, bad dates, `from` after `to`,
 * unknown keys, wrong types, more than 48 intervals a day or more than 1,000 exceptions.
 * @example
 * const r = parseRhythm({
 *   timeZone: 'Europe/Berlin',
 *   week: { mon: ['09:00-12:30', '13:30-17:00'], tue: ['09:00-17:00'] },
 *   exceptions: [{ date: '2026-12-24', hours: [] }],
 * });
 */
export function parseRhythm(input: unknown): Rhythm {
  const object = expectObject(input, '', ['timeZone', 'week', 'exceptions']);
  if (typeof object.timeZone !== 'string') {
    throw new RhythmError(
      'timeZone',
      object.timeZone === undefined
        ? 'missing: an IANA time zone such as "Europe/Berlin"'
        : 'expected a string',
    );
  }
  const zone = getZone(object.timeZone);
  if (zone === null) {
    throw new RhythmError(
      'timeZone',
      `unknown time zone "${object.timeZone.slice(0, 64)}"; use an IANA name such as "Europe/Berlin"`,
    );
  }
  if (object.week === undefined)
    throw new RhythmError('week', 'missing: the weekly hours, e.g. { "mon": ["09:00-17:00"] }');
  const { week } = parseWeek(object.week, 'week');
  const dates = new Map<number, readonly number[]>();
  const ranges: DateRange[] = [];
  const exceptions: ParsedException[] = [];
  const list =
    object.exceptions === undefined
      ? []
      : expectArray(object.exceptions, 'exceptions', MAX_EXCEPTIONS, 'exceptions');
  list.forEach((item, i) => {
    const path = `exceptions[${i}]`;
    const entry = expectObject(item, path, ['date', 'from', 'to', 'hours']);
    const when = parseDateOrRange(entry, path);
    if (entry.hours === undefined)
      throw new RhythmError(join(path, 'hours'), 'missing: the hours of those dates ([] for none)');
    const hours = parseDayHours(entry.hours, join(path, 'hours'));
    const exception = { from: when.from, to: when.to, hours, single: when.single };
    exceptions.push(exception);
    // Among single-date exceptions the later entry wins; ranges are searched from the last one.
    if (when.single) dates.set(when.from, hours);
    else ranges.push(exception);
  });
  return new Rhythm(object.timeZone, { zone, week, exceptions, dates, ranges }, [], []);
}

/**
 * Parses and validates blocks to take out of a rhythm: weekly focus blocks, dates of time off (whole days
 * unless `hours` is given), and absolute instants.
 *
 * @throws {RhythmError} as {@link parseRhythm} does.
 */
export function parseBlocks(input: unknown): BlockSet & { input: BlocksInput } {
  const object = expectObject(input, '', ['week', 'dates', 'instants']);
  const { week, input: weekInput } =
    object.week === undefined
      ? { week: WEEKDAYS.map(() => []), input: undefined }
      : parseWeek(object.week, 'week');
  const dates: DateRange[] = [];
  const datesInput: NonNullable<BlocksInput['dates']> = [];
  const list = object.dates === undefined ? [] : expectArray(object.dates, 'dates', MAX_EXCEPTIONS, 'dates');
  list.forEach((item, i) => {
    const path = `dates[${i}]`;
    const entry = expectObject(item, path, ['date', 'from', 'to', 'hours']);
    const when = parseDateOrRange(entry, path);
    const hours = entry.hours === undefined ? [0, 1440] : parseDayHours(entry.hours, join(path, 'hours'));
    dates.push({ from: when.from, to: when.to, hours });
    const text = entry.hours === undefined ? {} : { hours: formatHours(hours) };
    datesInput.push(
      when.single
        ? { date: formatDay(when.from), ...text }
        : { from: formatDay(when.from), to: formatDay(when.to), ...text },
    );
  });
  const pairs: [number, number][] = [];
  const instants =
    object.instants === undefined
      ? []
      : expectArray(object.instants, 'instants', MAX_INSTANT_BLOCKS, 'instants');
  instants.forEach((item, i) => {
    const path = `instants[${i}]`;
    const pair = expectArray(item, path, 2, 'numbers');
    const [start, end] = pair;
    if (
      pair.length !== 2 ||
      typeof start !== 'number' ||
      typeof end !== 'number' ||
      !Number.isFinite(start) ||
      !Number.isFinite(end)
    ) {
      throw new RhythmError(path, 'expected [start, end] in epoch milliseconds');
    }
    if (end <= start) throw new RhythmError(path, 'the end must be after the start');
    pairs.push([start, end]);
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [s, e] of pairs) {
    if (merged.length > 0 && s <= merged[merged.length - 1]!)
      merged[merged.length - 1] = Math.max(merged[merged.length - 1]!, e);
    else merged.push(s, e);
  }
  const blocksInput: BlocksInput = {};
  if (weekInput !== undefined) blocksInput.week = weekInput;
  if (datesInput.length > 0) blocksInput.dates = datesInput;
  if (pairs.length > 0) blocksInput.instants = pairs;
  return { week, dates, instants: merged, input: blocksInput };
}

/**
 * A rhythm whose working time is `rhythm`'s minus the given blocks, so that "working and not in a focus block
 * and not on time off" is computed by the same code as plain working time. Blocks are local to the rhythm's
 * time zone, except `instants`.
 *
 * @example
 * const slots = subtractBlocks(rhythm, { week: { mon: ['09:00-11:00'] }, dates: [{ from: '2026-08-03', to: '2026-08-14' }] });
 * nextWorkingStart(slots, now); // the next delivery slot
 */
export function subtractBlocks(rhythm: Rhythm, blocks: unknown): Rhythm {
  const { input, ...set } = parseBlocks(blocks);
  return new Rhythm(rhythm.timeZone, rhythm.parts, [...rhythm.blockSets, set], [...rhythm.blocks, input]);
}
