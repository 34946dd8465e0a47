// Working-time queries on epoch milliseconds. A rhythm's working time is compiled lazily into UTC chunks of
// one week: sorted, merged [start, end) bounds plus prefix sums of working time, so that every query is a
// binary search, and a span of weeks costs one addition per week.
import { DAY_MS, MINUTE_MS } from './civil.js';
import { blockedHoursOn } from './rhythm.js';
import type { Chunk, Rhythm } from './rhythm.js';

/** @internal Length of a compiled chunk of UTC time. */
export const CHUNK_MS = 7 * DAY_MS;
/** How far the searching queries look ahead before answering null. */
export const HORIZON_MS = 400 * DAY_MS;
/** Chunks a rhythm keeps cached before it starts over (about three years). */
const MAX_CACHED_CHUNKS = 160;
/** Instants outside 1800–2300 are refused: no rhythm means anything there, and Intl's history ends. */
const MIN_INSTANT = Date.UTC(1800, 0, 1);
const MAX_INSTANT = Date.UTC(2300, 0, 1);

/** @internal Throws a RangeError unless `t` is an epoch-milliseconds number between 1800 and 2300. */
export function checkInstant(t: number, name: string): void {
  if (typeof t !== 'number' || !(t >= MIN_INSTANT && t <= MAX_INSTANT)) {
    throw new RangeError(
      `${name} must be epoch milliseconds between the years 1800 and 2300, got ${String(t)}`,
    );
  }
}

function compileChunk(rhythm: Rhythm, index: number): Chunk {
  const start = index * CHUNK_MS;
  const end = start + CHUNK_MS;
  let merged = localHoursToInstants(rhythm, start, end, (day) => rhythm.hoursOn(day));
  for (const set of rhythm.blockSets) {
    // Blocks become instants by the same rule as hours and are subtracted as instants. Subtracting local hours
    // before converting would differ inside a daylight-saving gap, where the conversion is not monotonic:
    // "02:30-04:00" minus "01:00-03:00" on Berlin's spring-forward day would grow from 30 to 60 minutes.
    const blocked = localHoursToInstants(rhythm, start, end, (day) => blockedHoursOn(set, day));
    if (blocked.length > 0) merged = subtractSorted(merged, blocked);
    if (set.instants.length > 0) merged = subtractSorted(merged, set.instants);
  }
  const bounds = Float64Array.from(merged);
  const before = new Float64Array(bounds.length / 2 + 1);
  for (let i = 0; i < bounds.length; i += 2)
    before[i / 2 + 1] = before[i / 2]! + (bounds[i + 1]! - bounds[i]!);
  return { bounds, before };
}

/** The instants of the local hours `hoursOf(day)` of every local date, clipped to `[start, end)`, merged. */
function localHoursToInstants(
  rhythm: Rhythm,
  start: number,
  end: number,
  hoursOf: (day: number) => readonly number[],
): number[] {
  const zone = rhythm.parts.zone;
  // A local date's hours lie within [date − 14 h, date + 1 day + 12 h] in UTC; take a margin either side.
  const firstDay = Math.floor(start / DAY_MS) - 2;
  const lastDay = Math.floor(end / DAY_MS) + 1;
  const pairs: number[] = [];
  let sorted = true;
  for (let day = firstDay; day <= lastDay; day++) {
    const hours = hoursOf(day);
    const midnight = day * DAY_MS;
    for (let i = 0; i < hours.length; i += 2) {
      let s = zone.localToInstant(midnight + hours[i]! * MINUTE_MS);
      let e = zone.localToInstant(midnight + hours[i + 1]! * MINUTE_MS);
      // Inside a daylight-saving gap an interval can map to nothing (its end lands before its start).
      if (e <= start || s >= end || e <= s) continue;
      if (s < start) s = start;
      if (e > end) e = end;
      if (pairs.length > 0 && s < pairs[pairs.length - 2]!) sorted = false;
      pairs.push(s, e);
    }
  }
  return mergePairs(pairs, sorted);
}

function mergePairs(pairs: number[], sorted: boolean): number[] {
  let list = pairs;
  if (!sorted) {
    const order: [number, number][] = [];
    for (let i = 0; i < pairs.length; i += 2) order.push([pairs[i]!, pairs[i + 1]!]);
    order.sort((a, b) => a[0] - b[0]);
    list = order.flat();
  }
  const out: number[] = [];
  for (let i = 0; i < list.length; i += 2) {
    const s = list[i]!;
    const e = list[i + 1]!;
    // Touching intervals (e.g. 22:00–24:00 and the next day's 00:00–02:00) form one interval.
    if (out.length > 0 && s <= out[out.length - 1]!) {
      if (e > out[out.length - 1]!) out[out.length - 1] = e;
    } else out.push(s, e);
  }
  return out;
}

function subtractSorted(a: number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= s) j += 2;
    for (let k = j; k < b.length && b[k]! < e; k += 2) {
      if (b[k]! > s) out.push(s, b[k]!);
      if (b[k + 1]! > s) s = b[k + 1]!;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}

/** @internal The compiled chunk with the given index, from the rhythm's cache. */
export function chunkAt(rhythm: Rhythm, index: number): Chunk {
  if (index === rhythm.lastIndex) return rhythm.lastChunk!;
  let chunk = rhythm.chunks.get(index);
  if (chunk === undefined) {
    if (rhythm.chunks.size >= MAX_CACHED_CHUNKS) rhythm.chunks.clear();
    chunk = compileChunk(rhythm, index);
    rhythm.chunks.set(index, chunk);
  }
  rhythm.lastIndex = index;
  rhythm.lastChunk = chunk;
  return chunk;
}

/** Number of bounds in `bounds` that are ≤ t: odd exactly when t is inside an interval. */
function countBoundsUpTo(bounds: Float64Array, t: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working time in the chunk from its start up to `t` (t inside the chunk). */
function workedBefore(chunk: Chunk, t: number): number {
  const n = countBoundsUpTo(chunk.bounds, t);
  if (n === 0) return 0;
  const interval = (n - 1) >> 1;
  if ((n & 1) === 1) return chunk.before[interval]! + (t - chunk.bounds[n - 1]!);
  return chunk.before[interval + 1]!;
}

/**
 * Whether `t` is inside the rhythm's working time.
 *
 * @example isWorking(berlinNineToFive, Date.parse('2026-11-26T10:00:00Z')) // true: 11:00 in Berlin
 */
export function isWorking(rhythm: Rhythm, t: number): boolean {
  checkInstant(t, 't');
  const chunk = chunkAt(rhythm, Math.floor(t / CHUNK_MS));
  return (countBoundsUpTo(chunk.bounds, t) & 1) === 1;
}

/**
 * The first instant ≥ `t` that is working time: `t` itself when working; null when nothing starts within
 * 400 days.
 */
export function nextWorkingStart(rhythm: Rhythm, t: number): number | null {
  checkInstant(t, 't');
  const limit = t + HORIZON_MS;
  let index = Math.floor(t / CHUNK_MS);
  let chunk = chunkAt(rhythm, index);
  const n = countBoundsUpTo(chunk.bounds, t);
  if ((n & 1) === 1) return t;
  if (n < chunk.bounds.length) return chunk.bounds[n]!;
  while ((index + 1) * CHUNK_MS <= limit) {
    chunk = chunkAt(rhythm, ++index);
    if (chunk.bounds.length > 0) return chunk.bounds[0]! <= limit ? chunk.bounds[0]! : null;
  }
  return null;
}

/**
 * The earliest instant `x` such that the working time in `[t, x)` equals `ms`; `t` itself for 0; null when
 * that is not reached within 400 days.
 *
 * @throws {RangeError} for a negative or non-finite `ms`.
 * @example addWorkingTime(rhythm, friday16h, 4 * 3_600_000) // Monday 12:00 for a 09:00–17:00 week
 */
export function addWorkingTime(rhythm: Rhythm, t: number, ms: number): number | null {
  checkInstant(t, 't');
  if (typeof ms !== 'number' || !(ms >= 0) || ms === Number.POSITIVE_INFINITY) {
    throw new RangeError(`ms must be a non-negative finite number of milliseconds, got ${String(ms)}`);
  }
  if (ms === 0) return t;
  const limit = t + HORIZON_MS;
  let index = Math.floor(t / CHUNK_MS);
  let chunk = chunkAt(rhythm, index);
  // Target, in the chunk's own cumulative working time.
  let target = workedBefore(chunk, t) + ms;
  for (;;) {
    const before = chunk.before;
    const intervals = before.length - 1;
    if (target <= before[intervals]!) {
      // The first interval i whose end reaches the target: before[i + 1] ≥ target.
      let lo = 0;
      let hi = intervals - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before[mid + 1]! >= target) hi = mid;
        else lo = mid + 1;
      }
      const x = chunk.bounds[2 * lo]! + (target - before[lo]!);
      return x <= limit ? x : null;
    }
    target -= before[intervals]!;
    index++;
    if (index * CHUNK_MS > limit) return null;
    chunk = chunkAt(rhythm, index);
  }
}

/** Working time in `[a, b)` in milliseconds; 0 when `b <= a`. */
export function workingTimeBetween(rhythm: Rhythm, a: number, b: number): number {
  checkInstant(a, 'a');
  checkInstant(b, 'b');
  if (b <= a) return 0;
  const first = Math.floor(a / CHUNK_MS);
  const last = Math.floor(b / CHUNK_MS);
  const head = chunkAt(rhythm, first);
  if (first === last) return workedBefore(head, b) - workedBefore(head, a);
  let total = head.before[head.before.length - 1]! - workedBefore(head, a);
  for (let index = first + 1; index < last; index++) {
    const chunk = chunkAt(rhythm, index);
    total += chunk.before[chunk.before.length - 1]!;
  }
  return total + workedBefore(chunkAt(rhythm, last), b);
}

/** The rhythm's working intervals clipped to `[from, to)`, merged, as `[start, end]` pairs. */
export function workingIntervals(rhythm: Rhythm, from: number, to: number): [number, number][] {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  const out: [number, number][] = [];
  if (to <= from) return out;
  const last = Math.floor(to / CHUNK_MS);
  for (let index = Math.floor(from / CHUNK_MS); index <= last; index++) {
    const bounds = chunkAt(rhythm, index).bounds;
    for (let i = 0; i < bounds.length; i += 2) {
      const s = Math.max(bounds[i]!, from);
      const e = Math.min(bounds[i + 1]!, to);
      if (e <= s) continue;
      const previous = out[out.length - 1];
      if (previous !== undefined && previous[1] === s) previous[1] = e;
      else out.push([s, e]);
    }
  }
  return out;
}
