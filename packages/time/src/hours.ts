// Parsing and set operations on one day's local hours, kept as flat arrays of minutes since local midnight:
// [start0, end0, start1, end1, …], sorted, non-overlapping, each start < end, 0 ≤ minutes ≤ 1440.
import { daysFromCivil, daysInMonth, formatMinutes } from './civil.js';
import { RhythmError } from './rhythm-error.js';

/** Most intervals a single day may have. */
export const MAX_INTERVALS_PER_DAY = 48;

const RANGE = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string'
    ? 'a string'
    : typeof value === 'object'
      ? 'an object'
      : `a ${typeof value}`;
}

/** Throws a {@link RhythmError} unless `value` is a plain object with only the given keys. */
export function expectObject(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RhythmError(path, `expected an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw new RhythmError(
        join(path, key),
        `unknown key "${key.slice(0, 40)}"; allowed: ${keys.join(', ')}`,
      );
    }
  }
  return value as Record<string, unknown>;
}

/** Throws a {@link RhythmError} unless `value` is an array of at most `max` items. */
export function expectArray(value: unknown, path: string, max: number, what: string): unknown[] {
  if (!Array.isArray(value)) throw new RhythmError(path, `expected an array, got ${describe(value)}`);
  if (value.length > max) throw new RhythmError(path, `at most ${max} ${what} allowed, got ${value.length}`);
  return value;
}

/** `a.b`, or `b` when `a` is the root. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function parseClock(text: string, hours: string, minutes: string, path: string, isEnd: boolean): number {
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 24) throw new RhythmError(path, `"${text}": hour ${hours} is out of range (00–24)`);
  if (m > 59) throw new RhythmError(path, `"${text}": minute ${minutes} is out of range (00–59)`);
  if (h === 24 && m !== 0)
    throw new RhythmError(path, `"${text}": ${hours}:${minutes} is past the end of the day`);
  if (h === 24 && !isEnd) throw new RhythmError(path, `"${text}": 24:00 may only end an interval`);
  return h * 60 + m;
}

/** Parses one `"HH:MM-HH:MM"` interval into `[start, end]` minutes. */
export function parseRange(value: unknown, path: string): [number, number] {
  if (typeof value !== 'string')
    throw new RhythmError(path, `expected a time range "HH:MM-HH:MM", got ${describe(value)}`);
  const match = RANGE.exec(value);
  if (match === null) {
    throw new RhythmError(
      path,
      `"${value.slice(0, 40)}" is not a time range "HH:MM-HH:MM" (two digits each, e.g. "09:00-17:00")`,
    );
  }
  const start = parseClock(value, match[1]!, match[2]!, path, false);
  const end = parseClock(value, match[3]!, match[4]!, path, true);
  if (end <= start) throw new RhythmError(path, `"${value}": the end must be after the start`);
  return [start, end];
}

/** The hours of a day without hours, shared: most days of most rhythms have none or the same few. */
export const NO_HOURS: readonly number[] = Object.freeze([]);

/** `["09:00-12:00", …]` of a sorted hour list. */
export function formatHours(hours: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < hours.length; i += 2)
    out.push(`${formatMinutes(hours[i]!)}-${formatMinutes(hours[i + 1]!)}`);
  return out;
}

/** Parses a day's list of intervals: sorted, non-overlapping (touching intervals are joined). */
export function parseDayHours(value: unknown, path: string): readonly number[] {
  const list = expectArray(value, path, MAX_INTERVALS_PER_DAY, 'intervals a day');
  if (list.length === 0) return NO_HOURS;
  const out: number[] = [];
  let previousEnd = -1;
  let previousText = '';
  list.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    const [start, end] = parseRange(item, itemPath);
    if (start < previousEnd) {
      throw new RhythmError(
        itemPath,
        `"${String(item)}" overlaps or comes before "${previousText}"; intervals must be sorted and must not overlap`,
      );
    }
    if (start === previousEnd) out[out.length - 1] = end;
    else out.push(start, end);
    previousEnd = end;
    previousText = String(item);
  });
  return out;
}

/** Parses `YYYY-MM-DD` into a day number. */
export function parseDate(value: unknown, path: string): number {
  if (typeof value !== 'string')
    throw new RhythmError(path, `expected a date "YYYY-MM-DD", got ${describe(value)}`);
  const match = DATE.exec(value);
  if (match === null) throw new RhythmError(path, `"${value.slice(0, 40)}" is not a date "YYYY-MM-DD"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1) throw new RhythmError(path, `"${value}": year 0000 does not exist`);
  if (month < 1 || month > 12)
    throw new RhythmError(path, `"${value}": month ${match[2]} is out of range (01–12)`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new RhythmError(path, `"${value}": ${year}-${match[2]} has no day ${match[3]}`);
  }
  return daysFromCivil(year, month, day);
}

/** Union of two sorted hour lists. */
export function unionHours(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const pairs: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
  for (let i = 0; i < b.length; i += 2) pairs.push([b[i]!, b[i + 1]!]);
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    if (out.length > 0 && s <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
    else out.push(s, e);
  }
  return out;
}
