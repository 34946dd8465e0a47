// Who works when: a sweep over everyone's working-interval boundaries in time order.
//
// The boundaries are read straight from the rhythms' compiled chunks, sorted by a counting sort on whole
// minutes (working hours are minute-aligned almost always, so this is one pass plus a nearly-free
// insertion sort for the rest), and swept with the working set kept as a bitset. Events at one instant are
// applied together, so the number of segments is bounded by the number of distinct boundaries.
import type { Rhythm } from './rhythm.js';
import { CHUNK_MS, chunkAt, checkInstant } from './working-time.js';

/** Width of the counting sort's buckets: working hours mostly start and end on quarter-hours. */
const BUCKET_MS = 15 * 60_000;

/** A maximal interval in which the same people (indices into the `rhythms` argument) are working. */
export interface OverlapSegment {
  start: number;
  end: number;
  /** Indices of the people working, ascending. */
  people: number[];
}

/** Options of {@link overlap}. */
export interface OverlapOptions {
  /** Only intervals in which at least this many people work (default 1). */
  minPeople?: number;
}

// Scratch buffers reused across calls (the functions are synchronous, so no call can see another's):
// allocating and zeroing typed arrays costs more than the sort itself.
let scratchTimes = new Float64Array(0);
let scratchCodes = new Int32Array(0);
let scratchKeys = new Int32Array(0);
let scratchCounts = new Int32Array(0);
let scratchSortedTimes = new Float64Array(0);
let scratchSortedCodes = new Int32Array(0);

/** Boundary events: `times[i]` and `codes[i]` = person × 2 + (1 for a join, 0 for a leave). */
interface Events {
  times: Float64Array;
  codes: Int32Array;
  length: number;
}

/** Everyone's merged working intervals within [from, to) as join/leave events, unsorted. */
function collectEvents(rhythms: readonly Rhythm[], from: number, to: number): Events {
  const first = Math.floor(from / CHUNK_MS);
  const last = Math.floor((to - 1) / CHUNK_MS);
  let capacity = 0;
  for (const rhythm of rhythms) {
    for (let index = first; index <= last; index++) capacity += chunkAt(rhythm, index).bounds.length;
  }
  if (scratchTimes.length < capacity) {
    scratchTimes = new Float64Array(capacity);
    scratchCodes = new Int32Array(capacity);
    scratchKeys = new Int32Array(capacity);
    scratchSortedTimes = new Float64Array(capacity);
    scratchSortedCodes = new Int32Array(capacity);
  }
  const times = scratchTimes;
  const codes = scratchCodes;
  let k = 0;
  for (let person = 0; person < rhythms.length; person++) {
    const rhythm = rhythms[person]!;
    let end = Number.NaN;
    for (let index = first; index <= last; index++) {
      const bounds = chunkAt(rhythm, index).bounds;
      for (let i = 0; i < bounds.length; i += 2) {
        const s = bounds[i]! > from ? bounds[i]! : from;
        const e = bounds[i + 1]! < to ? bounds[i + 1]! : to;
        if (e <= s) continue;
        if (s === end) {
          // Chunks split intervals at their edges: extend the leave event instead of leaving and rejoining.
          times[k - 1] = e;
        } else {
          times[k] = s;
          codes[k++] = person * 2 + 1;
          times[k] = e;
          codes[k++] = person * 2;
        }
        end = e;
      }
    }
  }
  return { times, codes, length: k };
}

/** The events sorted by time: counting sort on quarter-hours since `from`, then insertion sort within them. */
function sortEvents(events: Events, from: number, to: number): Events {
  const { times, codes, length } = events;
  const buckets = Math.ceil((to - from) / BUCKET_MS) + 1;
  if (buckets > 4 * length + 4096) {
    const order = new Int32Array(length);
    for (let i = 0; i < length; i++) order[i] = i;
    order.sort((a, b) => times[a]! - times[b]!);
    return {
      times: Float64Array.from(order, (i) => times[i]!),
      codes: Int32Array.from(order, (i) => codes[i]!),
      length,
    };
  }
  const keys = scratchKeys;
  if (scratchCounts.length < buckets + 1) scratchCounts = new Int32Array(buckets + 1);
  const counts = scratchCounts;
  counts.fill(0, 0, buckets + 1);
  const sortedTimes = scratchSortedTimes;
  const sortedCodes = scratchSortedCodes;
  for (let i = 0; i < length; i++) {
    const key = Math.floor((times[i]! - from) / BUCKET_MS);
    keys[i] = key;
    counts[key + 1]!++;
  }
  for (let b = 0; b < buckets; b++) counts[b + 1]! += counts[b]!;
  for (let i = 0; i < length; i++) {
    const at = counts[keys[i]!]!++;
    sortedTimes[at] = times[i]!;
    sortedCodes[at] = codes[i]!;
  }
  // Within a quarter-hour, times may still differ (minutes off the grid, offsets with seconds, an unaligned
  // `from`): finish with an insertion sort, nearly linear on an array already sorted to the quarter-hour.
  for (let i = 1; i < length; i++) {
    const time = sortedTimes[i]!;
    if (sortedTimes[i - 1]! <= time) continue;
    const code = sortedCodes[i]!;
    let j = i - 1;
    while (j >= 0 && sortedTimes[j]! > time) {
      sortedTimes[j + 1] = sortedTimes[j]!;
      sortedCodes[j + 1] = sortedCodes[j]!;
      j--;
    }
    sortedTimes[j + 1] = time;
    sortedCodes[j + 1] = code;
  }
  return { times: sortedTimes, codes: sortedCodes, length };
}

/** The members of a bitset, ascending. */
function membersOf(set: Uint32Array, count: number): number[] {
  const people = new Array<number>(count);
  let j = 0;
  for (let w = 0; w < set.length && j < count; w++) {
    let bits = set[w]! | 0;
    while (bits !== 0) {
      const low = bits & -bits;
      people[j++] = w * 32 + 31 - Math.clz32(low);
      bits ^= low;
    }
  }
  return people;
}

/**
 * The maximal intervals of `[from, to)` in which the set of people working is constant and has at least
 * `minPeople` members (default 1), in time order. With `minPeople: 0` the stretches where nobody works are
 * included too.
 *
 * @example
 * overlap([berlin, newYork, tokyo], from, to, { minPeople: 2 })
 * // [{ start, end, people: [0, 1] }, …]
 */
export function overlap(
  rhythms: readonly Rhythm[],
  from: number,
  to: number,
  options: OverlapOptions = {},
): OverlapSegment[] {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  const minPeople = options.minPeople ?? 1;
  if (!Number.isInteger(minPeople) || minPeople < 0) {
    throw new RangeError(`minPeople must be a non-negative integer, got ${String(minPeople)}`);
  }
  const n = rhythms.length;
  if (to <= from || minPeople > n) return [];

  const { times, codes, length } = sortEvents(collectEvents(rhythms, from, to), from, to);
  const set = new Uint32Array(Math.ceil(n / 32));
  let count = 0;
  let current = from;
  const out: OverlapSegment[] = [];
  for (let i = 0; i < length;) {
    const time = times[i]!;
    if (time > current && count >= minPeople)
      out.push({ start: current, end: time, people: membersOf(set, count) });
    // Apply every event at this instant before the next segment starts. A person's intervals are merged, so
    // nobody leaves and joins at the same instant, and every instant changes the set.
    for (; i < length && times[i] === time; i++) {
      const code = codes[i]!;
      const person = code >> 1;
      if ((code & 1) === 1) {
        set[person >> 5]! |= 1 << (person & 31);
        count++;
      } else {
        set[person >> 5]! &= ~(1 << (person & 31));
        count--;
      }
    }
    current = time;
  }
  if (to > current && count >= minPeople)
    out.push({ start: current, end: to, people: membersOf(set, count) });
  return out;
}
