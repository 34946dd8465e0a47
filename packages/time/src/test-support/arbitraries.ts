// Random rhythms, blocks and instants for the property tests: rhythms in 22 zones whose exceptions and hours
// cluster around an anchor instant, mostly one of the zone's offset transitions (found with Temporal,
// independently of the engine's Intl sampling), so that hours often start or end in a gap or a repeated hour.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { parseRhythm, WEEKDAYS } from '../index.js';
import type { BlocksInput, ExceptionInput, Rhythm, RhythmInput, WeekInput, Weekday } from '../index.js';
import { refWorkingIntervals } from './reference.js';

const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const T1970 = Date.UTC(1970, 0, 1);
const T2100 = Date.UTC(2100, 0, 1);

/** The zones the properties cover, with what makes each of them hard. */
export const ZONES = [
  'Australia/Lord_Howe', // 30-minute DST
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Kathmandu', // +5:30 until 1986, then +5:45
  'America/St_Johns', // -3:30, DST
  'Pacific/Apia', // skipped 30 December 2011
  'Pacific/Kiritimati', // +14 since 1995: 31 December 1994 never happened
  'Europe/Dublin', // negative DST in the IANA database
  'America/Santiago', // DST changes at midnight
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Africa/Casablanca', // DST suspended for Ramadan
  'America/Sao_Paulo', // DST at midnight until 2019
  'Europe/London',
  'Asia/Tehran', // DST at midnight until 2022
  'America/Havana', // DST at midnight
  'Pacific/Auckland',
  'UTC',
  'Africa/Monrovia', // -0:44:30 until 1972
] as const;

// --- Where to look: instants near the zones' offset transitions ------------------------------------------

const transitionCache = new Map<string, number[]>();

/** Every offset transition of a zone from 1970 to 2100, from Temporal. */
function transitionsOf(zone: string): number[] {
  let list = transitionCache.get(zone);
  if (list === undefined) {
    list = [];
    let next = Temporal.Instant.fromEpochMilliseconds(T1970)
      .toZonedDateTimeISO(zone)
      .getTimeZoneTransition('next');
    while (next !== null && next.epochMilliseconds < T2100) {
      list.push(next.epochMilliseconds);
      next = next.getTimeZoneTransition('next');
    }
    transitionCache.set(zone, list);
  }
  return list;
}

export interface Place {
  zone: string;
  /** An instant the rhythm's exceptions and the queries cluster around. */
  anchor: number;
}

export const zoneArb = fc.constantFrom(...ZONES);
const uniformInstantArb = fc.integer({ min: T1970, max: T2100 });

/** A zone and an anchor: mostly one of the zone's transitions, sometimes anywhere in 1970–2100. */
export const placeArb: fc.Arbitrary<Place> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(zoneArb, fc.nat(), uniformInstantArb).map(([zone, pick, fallback]) => {
      const transitions = transitionsOf(zone);
      return { zone, anchor: transitions.length > 0 ? transitions[pick % transitions.length]! : fallback };
    }),
  },
  { weight: 2, arbitrary: fc.record({ zone: zoneArb, anchor: uniformInstantArb }) },
  {
    // 30 December 2011 never happened in Samoa: local 29 December 23:59:59 -10 was followed by 31 December +14.
    weight: 1,
    arbitrary: fc.record({
      zone: fc.constant('Pacific/Apia'),
      anchor: fc.integer({ min: Date.UTC(2011, 11, 28, 10), max: Date.UTC(2012, 0, 1, 10) }),
    }),
  },
);

/** An offset from the anchor: whole minutes near it, whole minutes within days, any millisecond, or ±1 ms. */
export const offsetArb = fc.oneof(
  fc.integer({ min: -180, max: 180 }).map((m) => m * MINUTE),
  fc.integer({ min: -4 * 1440, max: 4 * 1440 }).map((m) => m * MINUTE),
  fc.integer({ min: -4 * DAY, max: 4 * DAY }),
  fc.constantFrom(0, -1, 1),
);

// --- What to look at: random rhythms --------------------------------------------------------------------

/** Minutes since local midnight: anything, quarter hours (where transitions happen), or the day's ends. */
export const minuteArb = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.integer({ min: 0, max: 96 }).map((q) => q * 15),
  fc.constantFrom(0, 1440),
);

/**
 * A point of a day's hours: minutes since local midnight, or minutes from the anchor's wall-clock time, so
 * that hours often start or end inside the gap or the repeated hour of the anchor's transition.
 */
type Point = { minutes: number } | { fromAnchor: number };

/** A day's hours before they are placed: distinct points paired in order, some pairs touching the next. */
export interface DaySpec {
  points: Point[];
  touching: boolean[];
}

export const daySpecArb: fc.Arbitrary<DaySpec> = fc.record({
  points: fc.array(
    fc.oneof(
      { weight: 3, arbitrary: minuteArb.map((minutes) => ({ minutes })) },
      { weight: 1, arbitrary: fc.integer({ min: -150, max: 150 }).map((fromAnchor) => ({ fromAnchor })) },
    ),
    { maxLength: 7 },
  ),
  touching: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
});

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function zoned(place: Place): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(place.anchor).toZonedDateTimeISO(place.zone);
}

export function dayHours(place: Place, spec: DaySpec): string[] {
  const wall = zoned(place).hour * 60 + zoned(place).minute;
  const minutes = spec.points.map((p) =>
    'minutes' in p ? p.minutes : Math.min(1440, Math.max(0, wall + p.fromAnchor)),
  );
  const points = [...new Set(minutes)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i + 1 < points.length; i += spec.touching[out.length - 1] === true ? 1 : 2) {
    out.push(`${clock(points[i]!)}-${clock(points[i + 1]!)}`);
  }
  return out;
}

export type WeekSpec = Partial<Record<Weekday, DaySpec>>;

export const weekSpecArb: fc.Arbitrary<WeekSpec> = fc.record(
  Object.fromEntries(WEEKDAYS.map((day) => [day, daySpecArb])) as Record<Weekday, typeof daySpecArb>,
  { requiredKeys: [] },
);

function week(place: Place, spec: WeekSpec): WeekInput {
  const out: WeekInput = {};
  for (const day of WEEKDAYS) {
    const hours = spec[day];
    if (hours !== undefined) out[day] = dayHours(place, hours);
  }
  return out;
}

/** A local date as days from the anchor's: mostly near it, sometimes near the 400-day horizon. */
const dayArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -6, max: 10 }) },
  { weight: 1, arbitrary: fc.integer({ min: 395, max: 405 }) },
);

/** Exceptions relative to the anchor's local date, so that they overlap each other and the queries. */
type ExceptionSpec =
  { day: number; hours: DaySpec | undefined } | { from: number; days: number; hours: DaySpec | undefined };

const exceptionSpecArb: fc.Arbitrary<ExceptionSpec> = fc.oneof(
  fc.record({ day: dayArb, hours: fc.option(daySpecArb, { nil: undefined }) }),
  fc.record({
    from: dayArb,
    days: fc.integer({ min: 0, max: 12 }),
    hours: fc.option(daySpecArb, { nil: undefined }),
  }),
);

export interface RhythmSpec {
  week: WeekSpec;
  exceptions: ExceptionSpec[] | undefined;
}

/** A rhythm: usually a week and exceptions, sometimes only exceptions (so that searches can come up empty). */
export const rhythmSpecArb: fc.Arbitrary<RhythmSpec> = fc.record({
  week: fc.oneof({ weight: 4, arbitrary: weekSpecArb }, { weight: 1, arbitrary: fc.constant({}) }),
  exceptions: fc.option(fc.array(exceptionSpecArb, { maxLength: 6 }), { nil: undefined }),
});

export function dateAt(place: Place, days: number): string {
  return zoned(place).toPlainDate().add({ days }).toString();
}

export function buildRhythm(place: Place, spec: RhythmSpec): RhythmInput {
  const input: RhythmInput = { timeZone: place.zone, week: week(place, spec.week) };
  if (spec.exceptions !== undefined) {
    input.exceptions = spec.exceptions.map((e): ExceptionInput => {
      const hours = e.hours === undefined ? [] : dayHours(place, e.hours);
      return 'day' in e
        ? { date: dateAt(place, e.day), hours }
        : { from: dateAt(place, e.from), to: dateAt(place, e.from + e.days), hours };
    });
  }
  return input;
}

export interface Case {
  input: RhythmInput;
  rhythm: Rhythm;
  anchor: number;
  /** Instants near the anchor, some exactly on or next to a boundary of the working intervals. */
  instants: number[];
}

const instantSpecArb = fc.oneof(
  { weight: 3, arbitrary: offsetArb.map((offset) => ({ offset })) },
  { weight: 1, arbitrary: fc.record({ boundary: fc.nat(), nudge: fc.constantFrom(-1, 0, 0, 1) }) },
);

export const caseArb: fc.Arbitrary<Case> = fc
  .tuple(placeArb, rhythmSpecArb, fc.array(instantSpecArb, { minLength: 1, maxLength: 6 }))
  .map(([place, spec, instantSpecs]) => {
    const input = buildRhythm(place, spec);
    const bounds = refWorkingIntervals(input, place.anchor - 3 * DAY, place.anchor + 3 * DAY).flat();
    const instants = instantSpecs.map((i) =>
      'offset' in i
        ? place.anchor + i.offset
        : (bounds[i.boundary % Math.max(1, bounds.length)] ?? place.anchor) + i.nudge,
    );
    return { input, rhythm: parseRhythm(input), anchor: place.anchor, instants };
  });

/** Up to 100 hours: any millisecond, whole minutes, or whole hours. */
export const durationArb = fc.oneof(
  fc.integer({ min: 0, max: 100 * HOUR }),
  fc.integer({ min: 0, max: 100 * 60 }).map((m) => m * MINUTE),
  fc.integer({ min: 0, max: 100 }).map((h) => h * HOUR),
);

/** How long `[from, to)` a property looks at: up to ten days. */
export const spanArb = fc.oneof(
  fc.integer({ min: 0, max: 10 * DAY }),
  fc.integer({ min: 0, max: 240 }).map((h) => h * HOUR),
);

// --- Blocks ---------------------------------------------------------------------------------------------

export interface BlockSpec {
  week: WeekSpec | undefined;
  /** Whole days off (no hours) or some hours of some dates. */
  dates: { day: number; days: number; hours: DaySpec | undefined }[];
  instants: [number, number][];
}

export const blockSpecArb: fc.Arbitrary<BlockSpec> = fc.record({
  week: fc.option(weekSpecArb, { nil: undefined }),
  dates: fc.array(
    fc.record({
      day: fc.integer({ min: -4, max: 6 }),
      days: fc.integer({ min: 0, max: 3 }),
      hours: fc.option(daySpecArb, { nil: undefined }),
    }),
    { maxLength: 3 },
  ),
  instants: fc.array(
    fc
      .tuple(offsetArb, fc.integer({ min: 1, max: 12 * HOUR }))
      .map(([s, length]): [number, number] => [s, s + length]),
    { maxLength: 3 },
  ),
});

export function buildBlocks(place: Place, spec: BlockSpec): BlocksInput {
  const blocks: BlocksInput = {
    dates: spec.dates.map(({ day, days, hours }) => ({
      ...(days === 0
        ? { date: dateAt(place, day) }
        : { from: dateAt(place, day), to: dateAt(place, day + days) }),
      ...(hours === undefined ? {} : { hours: dayHours(place, hours) }),
    })),
    instants: spec.instants.map(([s, e]) => [place.anchor + s, place.anchor + e]),
  };
  if (spec.week !== undefined) blocks.week = week(place, spec.week);
  return blocks;
}
