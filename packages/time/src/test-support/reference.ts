// A slow, obviously-correct reference for working-time arithmetic, for the property tests and the benchmark.
//
// It shares no code with the engine: it reads the raw JSON rhythm, walks local dates one by one with the
// Temporal polyfill, turns each local "HH:MM" into an instant with Temporal's `compatible` disambiguation
// (PRODUCT.md "Time"), and works on plain arrays of [start, end) instants. It assumes valid input: validation
// is the parser's job and is tested on its own.
import { Temporal } from 'temporal-polyfill';
import type { BlocksInput, RhythmInput } from '../rhythm.js';

/** A half-open `[start, end)` interval of epoch milliseconds (or of minutes since local midnight). */
type Interval = [number, number];

const DAY_MS = 86_400_000;
/** How far the searching queries look ahead (PRODUCT.md: null when nothing within 400 days). */
const HORIZON_MS = 400 * DAY_MS;
/** Local dates walked on either side of a window: enough for any offset plus a gap of up to a day. */
const MARGIN_DAYS = 3;
/** The searching queries walk the horizon in windows of this many days. */
const WINDOW_MS = 28 * DAY_MS;
/** Temporal's `dayOfWeek`: Monday is 1 … Sunday is 7. */
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** `"09:00-17:30"` as minutes since local midnight, `[540, 1050]`. */
function parseInterval(text: string): Interval {
  const [start, end] = text.split('-');
  return [minutesOf(start!), minutesOf(end!)];
}

/** Sorts and joins overlapping or touching intervals. */
function union(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.map(([s, e]): Interval => [s, e]).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** `a` minus `b`, both sorted and merged. */
function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [start, end] of a) {
    let s = start;
    for (const [bs, be] of b) {
      if (be <= s || bs >= end) continue;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
    }
    if (s < end) out.push([s, end]);
  }
  return out;
}

function clip(intervals: readonly Interval[], from: number, to: number): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of intervals) {
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    if (start < end) out.push([start, end]);
  }
  return out;
}

function localDate(timeZone: string, t: number): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** The instant of `minutes` (0–1440) past local midnight of `date`; 24:00 is the next date's 00:00. */
function instantOf(timeZone: string, date: Temporal.PlainDate, minutes: number): number {
  const day = date.add({ days: Math.floor(minutes / 1440) });
  const time = { hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 };
  return day.toPlainDateTime(time).toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .epochMilliseconds;
}

/**
 * Local hours of a date as instants. The day's local intervals are joined first where they touch: the parser
 * joins `"09:00-12:00", "12:00-13:00"` into `"09:00-13:00"`, and the two spellings must mean the same rhythm
 * (they differ only when the touching point lies inside a daylight-saving gap). An interval whose end instant
 * is not after its start (a stretch inside a gap) is empty.
 */
function instantsOf(timeZone: string, date: Temporal.PlainDate, local: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of union(local)) {
    const start = instantOf(timeZone, date, s);
    const end = instantOf(timeZone, date, e);
    if (end > start) out.push([start, end]);
  }
  return out;
}

/** The rhythm's hours of a local date: a single-date exception beats a range, later entries beat earlier. */
function hoursOn(input: RhythmInput, date: Temporal.PlainDate): string[] {
  const iso = date.toString();
  let single: string[] | undefined;
  let range: string[] | undefined;
  for (const exception of input.exceptions ?? []) {
    if ('date' in exception) {
      if (exception.date === iso) single = exception.hours;
    } else if (exception.from <= iso && iso <= exception.to) range = exception.hours;
  }
  return single ?? range ?? input.week[WEEKDAY_KEYS[date.dayOfWeek - 1]!] ?? [];
}

/** The local hours a set of blocks takes out of a local date: weekly hours and dates (all day without hours). */
function blockedOn(blocks: BlocksInput, date: Temporal.PlainDate): Interval[] {
  const iso = date.toString();
  const local = (blocks.week?.[WEEKDAY_KEYS[date.dayOfWeek - 1]!] ?? []).map(parseInterval);
  for (const entry of blocks.dates ?? []) {
    const covers = 'date' in entry ? entry.date === iso : entry.from <= iso && iso <= entry.to;
    if (covers)
      local.push(...(entry.hours === undefined ? [[0, 1440] as Interval] : entry.hours.map(parseInterval)));
  }
  return local;
}

/**
 * The working intervals of `input` in `[from, to)`, merged and clipped, minus the given blocks (each block's
 * local hours become instants the same way as working hours; `instants` are taken as they are).
 */
export function refWorkingIntervals(
  input: RhythmInput,
  from: number,
  to: number,
  blocks: readonly BlocksInput[] = [],
): [number, number][] {
  if (to <= from) return [];
  const zone = input.timeZone;
  const working: Interval[] = [];
  const blocked: Interval[] = [];
  const last = localDate(zone, to).add({ days: MARGIN_DAYS });
  for (
    let date = localDate(zone, from).subtract({ days: MARGIN_DAYS });
    Temporal.PlainDate.compare(date, last) <= 0;
    date = date.add({ days: 1 })
  ) {
    working.push(...instantsOf(zone, date, hoursOn(input, date).map(parseInterval)));
    for (const set of blocks) blocked.push(...instantsOf(zone, date, blockedOn(set, date)));
  }
  for (const set of blocks) blocked.push(...(set.instants ?? []));
  return clip(subtract(union(working), union(blocked)), from, to);
}

/** Whether `t` is working time. */
export function refIsWorking(input: RhythmInput, t: number): boolean {
  return refWorkingIntervals(input, t, t + 1).length > 0;
}

/** The first working instant ≥ t, or null when none starts by `t + 400 days` (inclusive). */
export function refNextWorkingStart(input: RhythmInput, t: number): number | null {
  const limit = t + HORIZON_MS;
  for (let start = t; start <= limit; start += WINDOW_MS) {
    const found = refWorkingIntervals(input, start, Math.min(start + WINDOW_MS, limit + 1));
    if (found.length > 0) return found[0]![0];
  }
  return null;
}

/** The earliest `x` with `ms` of working time in `[t, x)`; t for 0; null when `x > t + 400 days`. */
export function refAddWorkingTime(input: RhythmInput, t: number, ms: number): number | null {
  if (ms === 0) return t;
  const limit = t + HORIZON_MS;
  let remaining = ms;
  for (let start = t; start < limit; start += WINDOW_MS) {
    for (const [s, e] of refWorkingIntervals(input, start, Math.min(start + WINDOW_MS, limit))) {
      if (remaining <= e - s) return s + remaining;
      remaining -= e - s;
    }
  }
  return null;
}

/** Working time in `[a, b)`, minus the given blocks. */
export function refWorkingTimeBetween(
  input: RhythmInput,
  a: number,
  b: number,
  blocks: readonly BlocksInput[] = [],
): number {
  let total = 0;
  for (const [s, e] of refWorkingIntervals(input, a, b, blocks)) total += e - s;
  return total;
}

/**
 * The maximal intervals of `[from, to)` in which the same set of at least `minPeople` people is working.
 * Naive on purpose: every boundary of everyone's intervals, each person checked in each elementary segment,
 * then neighbours with equal sets joined.
 */
export function refOverlap(
  inputs: RhythmInput[],
  from: number,
  to: number,
  minPeople: number,
): { start: number; end: number; people: number[] }[] {
  if (to <= from) return [];
  const perPerson = inputs.map((input) => refWorkingIntervals(input, from, to));
  const boundaries = [...new Set([from, to, ...perPerson.flat(2)])].sort((x, y) => x - y);
  const segments: { start: number; end: number; people: number[] }[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i]!;
    const end = boundaries[i + 1]!;
    const people: number[] = [];
    perPerson.forEach((intervals, person) => {
      if (intervals.some(([s, e]) => s <= start && end <= e)) people.push(person);
    });
    const previous = segments[segments.length - 1];
    if (previous !== undefined && previous.end === start && previous.people.join() === people.join()) {
      previous.end = end;
    } else segments.push({ start, end, people });
  }
  return segments.filter((segment) => segment.people.length >= minPeople);
}
