// Properties of the engine, checked against the slow reference in test-support/reference.ts and against
// algebraic laws, over the random rhythms and instants of test-support/arbitraries.ts: 22 zones, instants
// clustered around the zones' offset transitions, hours that start or end in gaps and repeated hours.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  isWorking,
  localToInstant,
  nextWorkingStart,
  overlap,
  parseRhythm,
  subtractBlocks,
  toLocal,
  WEEKDAYS,
  workingIntervals,
  workingTimeBetween,
} from './index.js';
import type { RhythmInput } from './index.js';
import {
  DAY,
  buildBlocks,
  buildRhythm,
  blockSpecArb,
  caseArb,
  dateAt,
  dayHours,
  daySpecArb,
  durationArb,
  HOUR,
  minuteArb,
  offsetArb,
  placeArb,
  rhythmSpecArb,
  spanArb,
  zoneArb,
} from './test-support/arbitraries.js';
import {
  refAddWorkingTime,
  refIsWorking,
  refNextWorkingStart,
  refOverlap,
  refWorkingIntervals,
  refWorkingTimeBetween,
} from './test-support/reference.js';

/** Runs per property, sized for well under a minute on two cores; PROPERTY_RUNS=20 looks 20 times harder. */
const runs = (n: number): number => n * Number(process.env.PROPERTY_RUNS ?? 1);

// --- The engine agrees with the reference -----------------------------------------------------------------

describe('the engine agrees with the day-walking reference', () => {
  it('says whether an instant is working time', () => {
    fc.assert(
      fc.property(caseArb, ({ input, rhythm, instants }) => {
        for (const t of instants) expect(isWorking(rhythm, t), `t = ${t}`).toBe(refIsWorking(input, t));
      }),
      { numRuns: runs(400) },
    );
  });

  it('finds the next working start', () => {
    fc.assert(
      fc.property(caseArb, ({ input, rhythm, instants }) => {
        for (const t of instants)
          expect(nextWorkingStart(rhythm, t), `t = ${t}`).toBe(refNextWorkingStart(input, t));
      }),
      { numRuns: runs(300) },
    );
  });

  it('lists the merged working intervals of a window and the working time in it', () => {
    fc.assert(
      fc.property(caseArb, offsetArb, spanArb, ({ input, rhythm, anchor }, offset, span) => {
        const from = anchor + offset;
        const to = from + span;
        const expected = refWorkingIntervals(input, from, to);
        expect(workingIntervals(rhythm, from, to)).toEqual(expected);
        expect(workingTimeBetween(rhythm, from, to)).toBe(refWorkingTimeBetween(input, from, to));
      }),
      { numRuns: runs(600) },
    );
  });

  it('adds working time, including durations that end exactly at the end of an interval', () => {
    // `whole`: the working time up to the end of the k-th interval after t, or m times the first interval's
    // length; these land exactly on an interval's end, where the earliest instant is the end, not the next start.
    const additionArb = fc.tuple(
      caseArb,
      fc.oneof(
        durationArb.map((ms) => ({ kind: 'free' as const, ms })),
        fc.record({ kind: fc.constant('whole' as const), k: fc.integer({ min: 1, max: 6 }) }),
        fc.record({ kind: fc.constant('multiple' as const), m: fc.integer({ min: 1, max: 5 }) }),
      ),
    );
    fc.assert(
      fc.property(additionArb, ([{ input, rhythm, instants }, duration]) => {
        const t = instants[0]!;
        let ms: number;
        if (duration.kind === 'free') ms = duration.ms;
        else {
          const ahead = refWorkingIntervals(input, t, t + 14 * DAY);
          const lengths = ahead.map(([s, e]) => e - s);
          ms =
            duration.kind === 'whole'
              ? lengths.slice(0, duration.k).reduce((sum, length) => sum + length, 0)
              : duration.m * (lengths[0] ?? HOUR);
        }
        expect(addWorkingTime(rhythm, t, ms), `t = ${t}, ms = ${ms}`).toBe(refAddWorkingTime(input, t, ms));
      }),
      { numRuns: runs(500) },
    );
  });

  it('answers null exactly when the answer is more than 400 days ahead', () => {
    // The only working hours are those of one date, so the first working instant s and the instant x = s + k
    // at which k of working time is reached are known. From 400 days before them (± 1 ms) the answer is s or
    // x when it is at most 400 days ahead, and null one millisecond earlier.
    fc.assert(
      fc.property(placeArb, daySpecArb, fc.nat(), fc.constantFrom(-1, 0, 1), (place, hours, pick, nudge) => {
        const input: RhythmInput = {
          timeZone: place.zone,
          week: {},
          exceptions: [{ date: dateAt(place, 0), hours: dayHours(place, hours) }],
        };
        const intervals = refWorkingIntervals(input, place.anchor - 3 * DAY, place.anchor + 3 * DAY);
        fc.pre(intervals.length > 0);
        const [s, e] = intervals[0]!;
        const rhythm = parseRhythm(input);
        const t = s - 400 * DAY + nudge;
        expect(nextWorkingStart(rhythm, t), `t = ${t}`).toBe(nudge < 0 ? null : s);
        const k = 1 + (pick % (e - s));
        const u = s + k - 400 * DAY + nudge;
        expect(addWorkingTime(rhythm, u, k), `t = ${u}, ms = ${k}`).toBe(nudge < 0 ? null : s + k);
      }),
      { numRuns: runs(200) },
    );
  });

  it('finds the maximal intervals with a constant set of at least minPeople people', () => {
    const teamArb = fc.tuple(
      placeArb,
      fc.uniqueArray(zoneArb, { minLength: 2, maxLength: 5 }),
      fc.array(rhythmSpecArb, { minLength: 6, maxLength: 6 }),
      offsetArb,
      spanArb,
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(teamArb, ([place, others, specs, offset, span, minPeople]) => {
        // 2–6 people in different zones, the first in the zone whose transition is the anchor.
        const zones = [place.zone, ...others.filter((zone) => zone !== place.zone)].slice(0, 6);
        const inputs = zones.map((zone, i) => buildRhythm({ zone, anchor: place.anchor }, specs[i]!));
        const from = place.anchor + offset;
        const to = from + span;
        expect(overlap(inputs.map(parseRhythm), from, to, { minPeople })).toEqual(
          refOverlap(inputs, from, to, minPeople),
        );
      }),
      { numRuns: runs(200) },
    );
  });
});

// --- Wall clocks -----------------------------------------------------------------------------------------

describe('wall clocks', () => {
  it('reads an instant and converts a local time as Temporal does with the compatible rule', () => {
    const pad = (n: number): string => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        placeArb,
        offsetArb,
        minuteArb,
        fc.integer({ min: -2, max: 2 }),
        (place, offset, minutes, day) => {
          const t = place.anchor + offset;
          const wall = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(place.zone);
          const { date, time, weekday } = toLocal(place.zone, t);
          expect({ date, time, weekday }, `t = ${t}`).toEqual({
            date: wall.toPlainDate().toString(),
            time: `${pad(wall.hour)}:${pad(wall.minute)}`,
            weekday: WEEKDAYS[wall.dayOfWeek - 1],
          });
          const local = Temporal.PlainDate.from(dateAt(place, day))
            .add({ days: Math.floor(minutes / 1440) })
            .toPlainDateTime({ hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 });
          expect(
            localToInstant(place.zone, dateAt(place, day), minutes),
            `${dateAt(place, day)} + ${minutes} min`,
          ).toBe(local.toZonedDateTime(place.zone, { disambiguation: 'compatible' }).epochMilliseconds);
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});

// --- Blocks ---------------------------------------------------------------------------------------------

describe('subtracting blocks', () => {
  it('leaves the working time of the rhythm minus the blocks, each taken as local hours in the zone', () => {
    fc.assert(
      fc.property(
        placeArb,
        rhythmSpecArb,
        fc.array(blockSpecArb, { minLength: 1, maxLength: 2 }),
        offsetArb,
        spanArb,
        (place, spec, blockSpecs, offset, span) => {
          const input = buildRhythm(place, spec);
          const blocks = blockSpecs.map((blockSpec) => buildBlocks(place, blockSpec));
          const rhythm = blocks.reduce(subtractBlocks, parseRhythm(input));
          const from = place.anchor + offset;
          const to = from + span;
          expect(workingIntervals(rhythm, from, to)).toEqual(refWorkingIntervals(input, from, to, blocks));
          expect(workingTimeBetween(rhythm, from, to)).toBe(refWorkingTimeBetween(input, from, to, blocks));
        },
      ),
      { numRuns: runs(400) },
    );
  });
});

// --- Algebraic laws ---------------------------------------------------------------------------------------

describe('working-time arithmetic obeys its laws', () => {
  it('has exactly d of working time between t and addWorkingTime(t, d)', () => {
    fc.assert(
      fc.property(caseArb, durationArb, ({ rhythm, instants }, d) => {
        for (const t of instants) {
          const x = addWorkingTime(rhythm, t, d);
          if (x !== null) expect(workingTimeBetween(rhythm, t, x), `t = ${t}, x = ${x}`).toBe(d);
        }
      }),
      { numRuns: runs(600) },
    );
  });

  it('adds monotonically in the start and in the duration', () => {
    fc.assert(
      fc.property(caseArb, durationArb, durationArb, ({ rhythm, instants }, d1, d2) => {
        const [t1, t2] = [instants[0]!, instants[instants.length - 1]!].sort((a, b) => a - b) as [
          number,
          number,
        ];
        const [short, long] = [d1, d2].sort((a, b) => a - b) as [number, number];
        // null means "beyond the 400-day horizon", later than any instant.
        const later = (x: number | null, y: number | null): boolean => y === null || (x !== null && x <= y);
        expect(later(addWorkingTime(rhythm, t1, short), addWorkingTime(rhythm, t1, long))).toBe(true);
        const a = addWorkingTime(rhythm, t1, short);
        const b = addWorkingTime(rhythm, t2, short);
        if (a !== null && b !== null) expect(a).toBeLessThanOrEqual(b);
        if (a === null && b !== null) expect(b).toBeGreaterThan(t1 + 400 * DAY);
      }),
      { numRuns: runs(600) },
    );
  });

  it('is working at the next working start', () => {
    fc.assert(
      fc.property(caseArb, ({ rhythm, instants }) => {
        for (const t of instants) {
          const start = nextWorkingStart(rhythm, t);
          if (start !== null) {
            expect(start).toBeGreaterThanOrEqual(t);
            expect(isWorking(rhythm, start), `t = ${t}, start = ${start}`).toBe(true);
            if (start > t) expect(workingTimeBetween(rhythm, t, start)).toBe(0);
          }
        }
      }),
      { numRuns: runs(600) },
    );
  });

  it('puts in each overlap segment exactly the people whose working intervals cover it', () => {
    const teamArb = fc.tuple(
      placeArb,
      fc.uniqueArray(zoneArb, { minLength: 2, maxLength: 6 }),
      fc.array(rhythmSpecArb, { minLength: 6, maxLength: 6 }),
      offsetArb,
      spanArb,
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(teamArb, ([place, zones, specs, offset, span, minPeople]) => {
        const rhythms = zones.map((zone, i) =>
          parseRhythm(buildRhythm({ zone, anchor: place.anchor }, specs[i]!)),
        );
        const from = place.anchor + offset;
        const to = from + span;
        const segments = overlap(rhythms, from, to, { minPeople });
        const intervals = rhythms.map((r) => workingIntervals(r, from, to));
        const workingAt = (t: number): number[] =>
          intervals.flatMap((list, person) => (list.some(([s, e]) => s <= t && t < e) ? [person] : []));
        segments.forEach(({ start, end, people }, i) => {
          expect(from <= start && start < end && end <= to).toBe(true);
          expect(people.length).toBeGreaterThanOrEqual(minPeople);
          intervals.forEach((list, person) => {
            const covers = list.some(([s, e]) => s <= start && end <= e);
            const touches = list.some(([s, e]) => s < end && start < e);
            expect(people.includes(person) ? covers : !touches, `person ${person} in ${start}–${end}`).toBe(
              true,
            );
          });
          const next = segments[i + 1];
          if (next !== undefined) {
            expect(next.start).toBeGreaterThanOrEqual(end);
            if (next.start === end) expect(next.people).not.toEqual(people);
          }
        });
        // Every instant where enough people work is in a segment: check each boundary and the window's start.
        for (const t of [from, ...intervals.flat(2)]) {
          if (t < to && workingAt(t).length >= minPeople)
            expect(
              segments.some(({ start, end }) => start <= t && t < end),
              `t = ${t}`,
            ).toBe(true);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
