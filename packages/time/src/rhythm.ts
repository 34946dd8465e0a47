// The parsed form of a rhythm and how it is read: which local hours a given local date has.
import { formatDay, weekdayOf } from './civil.js';
import { formatHours, unionHours } from './hours.js';
import type { Zone } from './zone.js';

/** Weekday keys of a rhythm's `week`, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A weekday key. */
export type Weekday = (typeof WEEKDAYS)[number];

/** A week of local hours, e.g. `{ mon: ["09:00-12:30", "13:30-17:00"] }`; a missing weekday has no hours. */
export type WeekInput = Partial<Record<Weekday, string[]>>;

/** An exception replacing the hours of one local date or an inclusive range of local dates. */
export type ExceptionInput =
  { date: string; hours: string[] } | { from: string; to: string; hours: string[] };

/** The JSON form of a rhythm, as accepted by {@link parseRhythm}. */
export interface RhythmInput {
  timeZone: string;
  week: WeekInput;
  exceptions?: ExceptionInput[];
}

/** Blocks taken out of a rhythm's working time: weekly local hours, local dates, or instants. */
export interface BlocksInput {
  /** Weekly local hours, e.g. focus blocks `{ mon: ["09:00-11:00"] }`. */
  week?: WeekInput;
  /** Local dates; without `hours` the whole day is blocked (time off). */
  dates?: ({ date: string; hours?: string[] } | { from: string; to: string; hours?: string[] })[];
  /** Absolute `[start, end)` instants in epoch milliseconds, e.g. a meeting or an imported busy time. */
  instants?: [number, number][];
}

/** @internal One parsed exception range. */
export interface DateRange {
  readonly from: number;
  readonly to: number;
  readonly hours: readonly number[];
}

/** @internal Parsed blocks. */
export interface BlockSet {
  readonly week: readonly (readonly number[])[];
  readonly dates: readonly DateRange[];
  /** Sorted, merged `[s0, e0, s1, e1, …]` instants. */
  readonly instants: readonly number[];
}

/** @internal Compiled working intervals of one chunk of UTC time. */
export interface Chunk {
  /** `[s0, e0, s1, e1, …]`: sorted, merged, clipped to the chunk. */
  readonly bounds: Float64Array;
  /** `before[i]`: working time in the chunk before interval `i`; `before[n]` is the chunk's total. */
  readonly before: Float64Array;
}

/** @internal One parsed exception, in the order of the input. */
export interface ParsedException extends DateRange {
  /** Given as `date` rather than `from`/`to`. */
  readonly single: boolean;
}

/** @internal The parts of a rhythm that decide a local date's hours. */
export interface RhythmParts {
  readonly zone: Zone;
  readonly week: readonly (readonly number[])[];
  /** Every exception in input order (for {@link Rhythm.toJSON}); `dates` and `ranges` index them. */
  readonly exceptions: readonly ParsedException[];
  readonly dates: ReadonlyMap<number, readonly number[]>;
  readonly ranges: readonly DateRange[];
}

/**
 * A person's working pattern in one IANA time zone, parsed and validated. Create one with
 * {@link parseRhythm}; take focus blocks or time off out of it with {@link subtractBlocks}. Immutable; it
 * keeps a small cache of compiled working intervals, so reuse the same object for repeated queries.
 */
export class Rhythm {
  /** The IANA time zone its hours are in. */
  readonly timeZone: string;
  /** @internal */
  readonly parts: RhythmParts;
  /** @internal */
  readonly blockSets: readonly BlockSet[];
  /** @internal */
  readonly chunks = new Map<number, Chunk>();
  /** @internal */
  lastIndex = Number.NaN;
  /** @internal */
  lastChunk: Chunk | undefined = undefined;
  readonly #blocks: readonly BlocksInput[];

  /** @internal Use {@link parseRhythm}. */
  constructor(
    timeZone: string,
    parts: RhythmParts,
    blockSets: readonly BlockSet[],
    blocks: readonly BlocksInput[],
  ) {
    this.timeZone = timeZone;
    this.parts = parts;
    this.blockSets = blockSets;
    this.#blocks = blocks;
  }

  /** The blocks subtracted from the base rhythm, in the order they were subtracted. */
  get blocks(): readonly BlocksInput[] {
    return this.#blocks;
  }

  /** The base rhythm in its JSON form (normalised: touching intervals joined); blocks are in {@link blocks}. */
  toJSON(): RhythmInput {
    const week: WeekInput = {};
    WEEKDAYS.forEach((day, i) => (week[day] = formatHours(this.parts.week[i]!)));
    const exceptions = this.parts.exceptions.map((e): ExceptionInput => {
      const hours = formatHours(e.hours);
      return e.single
        ? { date: formatDay(e.from), hours }
        : { from: formatDay(e.from), to: formatDay(e.to), hours };
    });
    return { timeZone: this.timeZone, week, exceptions };
  }

  /** @internal Local hours (minutes since local midnight, flat pairs) of local date `day`, before blocks. */
  hoursOn(day: number): readonly number[] {
    const parts = this.parts;
    let hours = parts.dates.get(day);
    if (hours === undefined) {
      const ranges = parts.ranges;
      for (let i = ranges.length - 1; i >= 0; i--) {
        const range = ranges[i]!;
        if (range.from <= day && day <= range.to) {
          hours = range.hours;
          break;
        }
      }
    }
    return hours ?? parts.week[weekdayOf(day)]!;
  }
}

/** @internal The local hours a set of blocks takes out of local date `day`: its weekly hours and its dates. */
export function blockedHoursOn(set: BlockSet, day: number): readonly number[] {
  let blocked: readonly number[] = set.week[weekdayOf(day)]!;
  for (const range of set.dates) {
    if (range.from <= day && day <= range.to) blocked = unionHours(blocked, range.hours);
  }
  return blocked;
}
