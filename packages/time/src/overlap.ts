// Who works when: a sweep over the sorted, de-duplicated boundaries of everyone's working intervals.
// Events at the same instant are applied together, so the number of segments is bounded by the number of
// distinct boundaries, not by the number of people × intervals.
import type { Rhythm } from './rhythm.js';
import { checkInstant, workingIntervals } from './working-time.js';

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

function lowerBound(values: Float64Array, length: number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The maximal intervals of `[from, to)` in which the set of people working is constant and has at least
 * `minPeople` members, in time order.
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

  // 1. Everyone's intervals, and every boundary, sorted and de-duplicated.
  const perPerson: [number, number][][] = rhythms.map((r) => workingIntervals(r, from, to));
  // `from` and `to` are boundaries too, so that with minPeople 0 the idle stretches are segments as well.
  let count = 2;
  for (const list of perPerson) count += list.length * 2;
  const times = new Float64Array(count);
  let k = 0;
  times[k++] = from;
  times[k++] = to;
  for (const list of perPerson) {
    for (const [s, e] of list) {
      times[k++] = s;
      times[k++] = e;
    }
  }
  times.sort();
  let distinct = 0;
  for (let i = 0; i < count; i++)
    if (i === 0 || times[i] !== times[distinct - 1]) times[distinct++] = times[i]!;

  // 2. Bucket each person's joins and leaves by boundary (a counting sort: no comparisons per event).
  const eventStart = new Int32Array(distinct + 1);
  for (const list of perPerson) {
    for (const [s, e] of list) {
      eventStart[lowerBound(times, distinct, s) + 1]!++;
      eventStart[lowerBound(times, distinct, e) + 1]!++;
    }
  }
  for (let i = 0; i < distinct; i++) eventStart[i + 1]! += eventStart[i]!;
  const fill = eventStart.slice(0, distinct);
  const events = new Int32Array(eventStart[distinct]!); // person + 1 for a join, -(person + 1) for a leave
  perPerson.forEach((list, person) => {
    for (const [s, e] of list) {
      events[fill[lowerBound(times, distinct, s)]!++] = person + 1;
      events[fill[lowerBound(times, distinct, e)]!++] = -(person + 1);
    }
  });

  // 3. Sweep.
  const isIn = new Uint8Array(n);
  const members: number[] = [];
  const position = new Int32Array(n);
  const out: OverlapSegment[] = [];
  for (let i = 0; i + 1 < distinct; i++) {
    for (let j = eventStart[i]!; j < eventStart[i + 1]!; j++) {
      const event = events[j]!;
      const person = Math.abs(event) - 1;
      if (event > 0) {
        isIn[person] = 1;
        position[person] = members.length;
        members.push(person);
      } else {
        isIn[person] = 0;
        const last = members.pop()!;
        if (last !== person) {
          members[position[person]!] = last;
          position[last] = position[person]!;
        }
      }
    }
    if (members.length >= minPeople)
      out.push({ start: times[i]!, end: times[i + 1]!, people: sortedMembers(members, isIn) });
  }
  return out;
}

function sortedMembers(members: number[], isIn: Uint8Array): number[] {
  const k = members.length;
  // Reading the flags costs n; sorting costs k log k: pick the cheaper.
  if (k * Math.log2(k + 1) < isIn.length) return members.slice().sort((a, b) => a - b);
  const out = new Array<number>(k);
  let j = 0;
  for (let i = 0; i < isIn.length; i++) if (isIn[i] === 1) out[j++] = i;
  return out;
}
