// Inputs of the benchmark: the Berlin office rhythm, instants, a generator of realistic rhythms, and the
// naive overlap used as a baseline.
import { workingIntervals } from '../src/index.js';
import type { OverlapSegment, Rhythm, RhythmInput } from '../src/index.js';

const DAY_MS = 86_400_000;
const YEAR_START = Date.UTC(2026, 0, 1);

/** Small deterministic PRNG (mulberry32), so that every run benchmarks the same inputs. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function range(start: number, end: number): string {
  return `${clock(start)}-${clock(end)}`;
}

export function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Fourteen holidays of a Berlin office in 2026, all on weekdays. */
export const BERLIN_HOLIDAYS = [
  '2026-01-01',
  '2026-01-02',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-15',
  '2026-05-25',
  '2026-10-02',
  '2026-12-24',
  '2026-12-25',
  '2026-12-28',
  '2026-12-29',
  '2026-12-31',
];

const NINE_TO_FIVE = ['09:00-17:00'];
export const BERLIN: RhythmInput = {
  timeZone: 'Europe/Berlin',
  week: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
  exceptions: BERLIN_HOLIDAYS.map((date) => ({ date, hours: [] })),
};

/** `count` instants (whole milliseconds) spread uniformly over `[from, from + span)`. */
export function instants(count: number, from: number, span: number, seed: number): number[] {
  const next = random(seed);
  return Array.from({ length: count }, () => from + Math.floor(next() * span));
}

/** About 25 zones, weighted roughly like a distributed company's staff. */
export const ZONES: [string, number][] = [
  ['America/Los_Angeles', 8],
  ['America/Denver', 3],
  ['America/Chicago', 5],
  ['America/New_York', 9],
  ['America/St_Johns', 1],
  ['America/Sao_Paulo', 4],
  ['America/Santiago', 2],
  ['Europe/London', 7],
  ['Europe/Dublin', 2],
  ['Europe/Lisbon', 2],
  ['Europe/Berlin', 8],
  ['Europe/Paris', 4],
  ['Europe/Helsinki', 2],
  ['Europe/Istanbul', 2],
  ['Africa/Lagos', 2],
  ['Africa/Nairobi', 2],
  ['Asia/Dubai', 2],
  ['Asia/Kolkata', 6],
  ['Asia/Kathmandu', 1],
  ['Asia/Singapore', 3],
  ['Asia/Shanghai', 3],
  ['Asia/Tokyo', 3],
  ['Australia/Adelaide', 1],
  ['Australia/Sydney', 3],
  ['Pacific/Auckland', 2],
];

/**
 * Realistic rhythms: hours on whole or half hours, most Monday to Friday, some four-day or Sunday-to-Thursday
 * weeks, some with a lunch break or a split shift, some with a short Friday, about half with holidays and a
 * quarter with a vacation range, a few with a half day.
 */
export function generateRhythms(count: number, seed: number): RhythmInput[] {
  const next = random(seed);
  const totalWeight = ZONES.reduce((sum, [, w]) => sum + w, 0);
  const pickZone = (): string => {
    let x = next() * totalWeight;
    for (const [zone, weight] of ZONES) {
      x -= weight;
      if (x < 0) return zone;
    }
    return ZONES[0]![0];
  };
  const halfHours = (lo: number, hi: number): number => (lo + Math.floor(next() * (hi - lo + 1))) * 30;
  const dateIn2026 = (): string => isoDate(YEAR_START + Math.floor(next() * 365) * DAY_MS);
  const out: RhythmInput[] = [];
  for (let p = 0; p < count; p++) {
    const start = halfHours(14, 21); // 07:00–10:30
    const shape = next();
    let day: string[];
    let shortFriday: string[] | undefined;
    if (shape < 0.55) {
      const end = start + halfHours(15, 18); // 7.5–9 h
      day = [range(start, end)];
      if (next() < 0.2) shortFriday = [range(start, end - 120)];
    } else if (shape < 0.9) {
      const lunch = halfHours(23, 26); // 11:30–13:00
      const back = lunch + halfHours(1, 2);
      day = [range(start, lunch), range(back, back + (8 * 60 - (lunch - start)))];
    } else {
      day = [range(start, start + 240), range(start + 480, start + 720)]; // a split shift
    }
    const week: RhythmInput['week'] = {};
    const days = next();
    const workdays: (keyof RhythmInput['week'])[] =
      days < 0.8
        ? ['mon', 'tue', 'wed', 'thu', 'fri']
        : days < 0.9
          ? ['mon', 'tue', 'wed', 'thu']
          : ['sun', 'mon', 'tue', 'wed', 'thu'];
    for (const d of workdays) week[d] = day;
    if (shortFriday !== undefined && week.fri !== undefined) week.fri = shortFriday;
    const exceptions: NonNullable<RhythmInput['exceptions']> = [];
    if (next() < 0.5) {
      const holidays = 5 + Math.floor(next() * 10);
      for (let h = 0; h < holidays; h++) exceptions.push({ date: dateIn2026(), hours: [] });
    }
    if (next() < 0.25) {
      const from = YEAR_START + Math.floor(next() * 350) * DAY_MS;
      const to = from + (6 + Math.floor(next() * 9)) * DAY_MS;
      exceptions.push({ from: isoDate(from), to: isoDate(to), hours: [] });
    }
    if (next() < 0.1) exceptions.push({ date: dateIn2026(), hours: [range(start, start + 240)] });
    out.push(
      exceptions.length > 0 ? { timeZone: pickZone(), week, exceptions } : { timeZone: pickZone(), week },
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Baselines

/**
 * Naive overlap: for each elementary segment, scan every person's interval list to see who works. With
 * `earlyStop` the scan of a list stops at the first interval that contains the segment or starts after it
 * (a tuned variant); without it, every (segment, interval) pair is tested: the plain pairwise approach.
 */
export function naiveOverlap(
  rhythms: readonly Rhythm[],
  from: number,
  to: number,
  earlyStop = true,
): OverlapSegment[] {
  const lists = rhythms.map((r) => workingIntervals(r, from, to));
  const boundarySet = new Set<number>([from, to]);
  for (const list of lists) {
    for (const [s, e] of list) {
      boundarySet.add(s);
      boundarySet.add(e);
    }
  }
  const bounds = [...boundarySet].sort((a, b) => a - b);
  const out: OverlapSegment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const t = bounds[i]!;
    const people: number[] = [];
    for (let p = 0; p < lists.length; p++) {
      if (!earlyStop) {
        if (lists[p]!.some(([s, e]) => s <= t && t < e)) people.push(p);
        continue;
      }
      for (const [s, e] of lists[p]!) {
        if (s > t) break;
        if (t < e) {
          people.push(p);
          break;
        }
      }
    }
    if (people.length === 0) continue;
    const previous = out[out.length - 1];
    if (
      previous !== undefined &&
      previous.end === t &&
      previous.people.length === people.length &&
      previous.people.every((x, k) => x === people[k])
    ) {
      previous.end = bounds[i + 1]!;
    } else out.push({ start: t, end: bounds[i + 1]!, people });
  }
  return out;
}
