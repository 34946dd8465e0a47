// `npm run bench -w @meanwhile/time`: speed and memory of the engine, as ratios to baselines measured in the
// same run (issue 2, section 4). Machines are shared and noisy, so every comparison is run in several rounds,
// the subjects of a round are timed one after the other in an order that alternates from round to round, each
// round yields one ratio, and the table shows the median ratio (with the lowest and highest round).
//
// Baselines: moment-business-time (with moment-timezone, configured with the same hours and holidays in
// Europe/Berlin), the slow reference of the tests (src/test-support/reference.ts, which takes the JSON form
// and re-derives everything on each call), and a naive overlap that scans every person's interval list for
// every elementary segment.
import moment from 'moment-timezone';
import 'moment-business-time';

import {
  addWorkingTime,
  isWorking,
  overlap,
  parseRhythm,
  workingIntervals,
  workingTimeBetween,
} from '../src/index.js';
import type { OverlapSegment, Rhythm } from '../src/index.js';
import {
  refAddWorkingTime,
  refIsWorking,
  refWorkingIntervals,
  refWorkingTimeBetween,
} from '../src/test-support/reference.js';
import { BERLIN, BERLIN_HOLIDAYS, generateRhythms, instants, naiveOverlap } from './fixtures.js';

// moment-business-time ships no types; these are the methods it adds to moment.
declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: string): this;
    isWorkingTime(): boolean;
    workingDiff(other: this, unit: string, precise?: boolean): number;
  }
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_MS = 365 * DAY_MS;

// ---------------------------------------------------------------------------------------------------------
// Measuring

/** Results are folded into this so that no benchmarked call can be optimised away. */
let sink = 0;

/** Something to time: `run(from, count)` performs `count` operations on inputs `from, from + 1, …`. */
interface Subject {
  name: string;
  run: (from: number, count: number) => number;
  /** Time to spend per measurement. */
  budgetMs: number;
  /** Fewest operations per measurement, even past the budget. */
  minOps?: number;
}

function collectGarbage(): void {
  if (typeof gc === 'function') gc();
}

/** Milliseconds per operation: batches of doubling size until the budget is spent. */
function measure(subject: Subject): number {
  collectGarbage();
  const minOps = subject.minOps ?? 1;
  let done = 0;
  let batch = 1;
  const start = performance.now();
  let elapsed: number;
  for (;;) {
    sink += subject.run(done, batch);
    done += batch;
    elapsed = performance.now() - start;
    if (elapsed >= subject.budgetMs && done >= minOps) break;
    // Grow batches while they are short, so that reading the clock costs nothing measurable.
    if (elapsed < subject.budgetMs / 8 && batch < 1 << 16) batch *= 2;
  }
  return elapsed / done;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times every subject once per round, in an order that rotates and reverses from round to round, after one
 * warm-up pass. Returns each subject's milliseconds per operation, round by round.
 */
function interleave(subjects: readonly Subject[], rounds: number): number[][] {
  for (const subject of subjects) measure({ ...subject, budgetMs: Math.min(subject.budgetMs, 150) });
  const times: number[][] = subjects.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = subjects.map((_, i) => (i + round) % subjects.length);
    if (round % 2 === 1) order.reverse();
    for (const i of order) times[i]!.push(measure(subjects[i]!));
  }
  return times;
}

/** Round-by-round ratios `numerator[r] / denominator[r]`. */
function ratios(numerator: readonly number[], denominator: readonly number[]): number[] {
  return numerator.map((value, r) => value / denominator[r]!);
}

// ---------------------------------------------------------------------------------------------------------
// Reporting

interface Row {
  measure: string;
  baseline: string;
  figure: string;
  spread: string;
  goal: string;
  result: string;
}

const rows: Row[] = [];
const context: string[] = [];
const warnings: string[] = [];

function formatRatio(x: number): string {
  if (x >= 100) return `${Math.round(x).toLocaleString('en-US')}×`;
  if (x >= 10) return `${x.toFixed(1)}×`;
  return `${x.toFixed(2)}×`;
}

function formatRate(msPerOp: number): string {
  const perSecond = 1000 / msPerOp;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(1)} /s`;
}

function formatTime(ms: number): string {
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 1e-3) return `${(ms * 1e3).toFixed(2)} µs`;
  return `${(ms * 1e6).toFixed(0)} ns`;
}

/**
 * Adds a row for round-by-round ratios. `atLeast`: the goal is a minimum (speed-ups); otherwise a maximum
 * (growth). Without a goal the row is informational.
 */
function addRatioRow(
  measure: string,
  baseline: string,
  values: readonly number[],
  goal?: { atLeast?: number; atMost?: number },
): void {
  const mid = median(values);
  let goalText = '—';
  let result = 'info';
  if (goal?.atLeast !== undefined) {
    goalText = `≥ ${formatRatio(goal.atLeast)}`;
    result = mid >= goal.atLeast ? 'PASS' : 'FAIL';
  } else if (goal?.atMost !== undefined) {
    goalText = `≤ ${formatRatio(goal.atMost)}`;
    result = mid <= goal.atMost ? 'PASS' : 'FAIL';
  }
  rows.push({
    measure,
    baseline,
    figure: formatRatio(mid),
    spread: `${formatRatio(Math.min(...values))}–${formatRatio(Math.max(...values))}`,
    goal: goalText,
    result,
  });
}

function printTable(): void {
  const header: Row = {
    measure: 'measure',
    baseline: 'baseline (same run)',
    figure: 'median',
    spread: 'rounds min–max',
    goal: 'goal',
    result: 'result',
  };
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: Row): string =>
    `| ${keys.map((key, i) => (i >= 2 && i <= 3 ? row[key].padStart(widths[i]!) : row[key].padEnd(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (i >= 2 && i <= 3 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));
}

function progress(text: string): void {
  process.stderr.write(`… ${text}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

/** The same rhythm for moment-business-time, whose configuration is global (moment's locale). */
function configureMomentBusinessTime(): void {
  const hours = ['09:00:00', '17:00:00'];
  moment.updateLocale('en', {
    workinghours: { 0: null, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: null },
    holidays: BERLIN_HOLIDAYS,
  } as moment.LocaleSpecification);
}

function momentAdd(t: number, hours: number): number {
  return moment.tz(t, 'Europe/Berlin').addWorkingTime(hours, 'hours').valueOf();
}

function momentIsWorking(t: number): boolean {
  return moment.tz(t, 'Europe/Berlin').isWorkingTime();
}

function momentBetween(a: number, b: number): number {
  return moment.tz(b, 'Europe/Berlin').workingDiff(moment.tz(a, 'Europe/Berlin'), 'milliseconds', true);
}

// ---------------------------------------------------------------------------------------------------------
// Agreement: compare like with like before comparing speeds.

function agree(what: string, checked: number, mismatches: string[]): void {
  if (mismatches.length === 0) {
    context.push(`agreement: ${what}: ${checked} inputs, all equal`);
  } else {
    warnings.push(
      `WARNING: ${what}: ${mismatches.length} of ${checked} inputs differ, e.g. ${mismatches.slice(0, 3).join('; ')}`,
    );
  }
}

const fmt = (t: number | null): string => (t === null ? 'null' : new Date(t).toISOString());

// ---------------------------------------------------------------------------------------------------------
// The benchmarks

const ROUNDS = 11;
const EIGHT_HOURS = 8 * HOUR_MS;
const N_INPUTS = 4096; // a power of two: inputs are indexed with `& MASK`
const MASK = N_INPUTS - 1;

function benchAddWorkingTime(berlin: Rhythm): void {
  progress('addWorkingTime');
  const starts = instants(N_INPUTS, YEAR_START, YEAR_MS, 1);
  const check = starts.slice(0, 300);
  const vsMoment: string[] = [];
  const vsRef: string[] = [];
  for (const t of check) {
    const engine = addWorkingTime(berlin, t, EIGHT_HOURS);
    const mbt = momentAdd(t, 8);
    if (engine !== mbt)
      vsMoment.push(`from ${fmt(t)}: engine ${fmt(engine)}, moment-business-time ${fmt(mbt)}`);
  }
  for (const t of check.slice(0, 100)) {
    const engine = addWorkingTime(berlin, t, EIGHT_HOURS);
    const ref = refAddWorkingTime(BERLIN, t, EIGHT_HOURS);
    if (engine !== ref) vsRef.push(`from ${fmt(t)}: engine ${fmt(engine)}, reference ${fmt(ref)}`);
  }
  agree('addWorkingTime engine vs moment-business-time', check.length, vsMoment);
  agree('addWorkingTime engine vs reference', 100, vsRef);

  const [engine, mbt, ref] = interleave(
    [
      {
        name: 'engine',
        budgetMs: 100,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++)
            s += addWorkingTime(berlin, starts[i & MASK]!, EIGHT_HOURS)!;
          return s;
        },
      },
      {
        name: 'moment-business-time',
        budgetMs: 250,
        minOps: 20,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) s += momentAdd(starts[i & MASK]!, 8);
          return s;
        },
      },
      {
        name: 'reference',
        budgetMs: 250,
        minOps: 5,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++)
            s += refAddWorkingTime(BERLIN, starts[i & MASK]!, EIGHT_HOURS)!;
          return s;
        },
      },
    ],
    ROUNDS,
  );
  const label = 'addWorkingTime 8 h, Berlin 9–17 + 14 holidays, starts over 2026';
  addRatioRow(label, 'moment-business-time', ratios(mbt!, engine!), { atLeast: 100 });
  addRatioRow(label, 'test reference', ratios(ref!, engine!), { atLeast: 1000 });
  context.push(
    `addWorkingTime: engine ${formatRate(median(engine!))}, moment-business-time ${formatRate(median(mbt!))}, reference ${formatRate(median(ref!))}`,
  );
}

function benchIsWorking(berlin: Rhythm): void {
  progress('isWorking');
  // Three weeks around the spring change to summer time (29 March) and Easter (3 and 6 April).
  const windowStart = Date.UTC(2026, 2, 23);
  const queries = instants(N_INPUTS, windowStart, 3 * WEEK_MS, 2);
  const vsMoment: string[] = [];
  const vsRef: string[] = [];
  for (const t of queries.slice(0, 1000)) {
    const engine = isWorking(berlin, t);
    if (engine !== momentIsWorking(t)) vsMoment.push(`at ${fmt(t)}: engine ${engine}`);
  }
  for (const t of queries.slice(0, 300)) {
    const engine = isWorking(berlin, t);
    if (engine !== refIsWorking(BERLIN, t)) vsRef.push(`at ${fmt(t)}: engine ${engine}`);
  }
  agree('isWorking engine vs moment-business-time', 1000, vsMoment);
  agree('isWorking engine vs reference', 300, vsRef);

  // The known limit: a binary search over the window's precompiled UTC bounds, and nothing else.
  const bounds = Float64Array.from(workingIntervals(berlin, windowStart, windowStart + 3 * WEEK_MS).flat());
  const bareLookup = (t: number): boolean => {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bounds[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return (lo & 1) === 1;
  };

  const [engine, mbt, ref, bare] = interleave(
    [
      {
        name: 'engine',
        budgetMs: 100,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) if (isWorking(berlin, queries[i & MASK]!)) s++;
          return s;
        },
      },
      {
        name: 'moment-business-time',
        budgetMs: 250,
        minOps: 20,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) if (momentIsWorking(queries[i & MASK]!)) s++;
          return s;
        },
      },
      {
        name: 'reference',
        budgetMs: 250,
        minOps: 5,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) if (refIsWorking(BERLIN, queries[i & MASK]!)) s++;
          return s;
        },
      },
      {
        name: 'bare binary search',
        budgetMs: 100,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) if (bareLookup(queries[i & MASK]!)) s++;
          return s;
        },
      },
    ],
    ROUNDS,
  );
  const label = 'isWorking, instants over 3 weeks (DST change, Easter)';
  addRatioRow(label, 'moment-business-time', ratios(mbt!, engine!), { atLeast: 100 });
  addRatioRow(label, 'test reference', ratios(ref!, engine!), { atLeast: 1000 });
  addRatioRow(label, 'bare binary search on precompiled UTC bounds', ratios(bare!, engine!));
  context.push(
    `isWorking: engine ${formatRate(median(engine!))}, moment-business-time ${formatRate(median(mbt!))}, reference ${formatRate(median(ref!))}, bare binary search ${formatRate(median(bare!))}`,
  );
}

function benchWorkingTimeBetween(berlin: Rhythm): void {
  progress('workingTimeBetween');
  const starts = instants(N_INPUTS, YEAR_START, YEAR_MS, 3);
  const span = 3 * WEEK_MS;
  const vsMoment: string[] = [];
  const vsRef: string[] = [];
  for (const a of starts.slice(0, 300)) {
    const engine = workingTimeBetween(berlin, a, a + span);
    const mbt = momentBetween(a, a + span);
    if (engine !== mbt) vsMoment.push(`from ${fmt(a)}: engine ${engine}, moment-business-time ${mbt}`);
  }
  for (const a of starts.slice(0, 100)) {
    const engine = workingTimeBetween(berlin, a, a + span);
    const ref = refWorkingTimeBetween(BERLIN, a, a + span);
    if (engine !== ref) vsRef.push(`from ${fmt(a)}: engine ${engine}, reference ${ref}`);
  }
  agree('workingTimeBetween engine vs moment-business-time', 300, vsMoment);
  agree('workingTimeBetween engine vs reference', 100, vsRef);

  const [engine, mbt, ref] = interleave(
    [
      {
        name: 'engine',
        budgetMs: 100,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) {
            const a = starts[i & MASK]!;
            s += workingTimeBetween(berlin, a, a + span);
          }
          return s;
        },
      },
      {
        name: 'moment-business-time',
        budgetMs: 250,
        minOps: 10,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) {
            const a = starts[i & MASK]!;
            s += momentBetween(a, a + span);
          }
          return s;
        },
      },
      {
        name: 'reference',
        budgetMs: 250,
        minOps: 3,
        run: (from, count) => {
          let s = 0;
          for (let i = from; i < from + count; i++) {
            const a = starts[i & MASK]!;
            s += refWorkingTimeBetween(BERLIN, a, a + span);
          }
          return s;
        },
      },
    ],
    ROUNDS,
  );
  const label = 'workingTimeBetween, spans of 3 weeks from starts over 2026';
  addRatioRow(label, 'moment-business-time', ratios(mbt!, engine!), { atLeast: 100 });
  addRatioRow(label, 'test reference', ratios(ref!, engine!), { atLeast: 1000 });
  context.push(
    `workingTimeBetween: engine ${formatRate(median(engine!))}, moment-business-time ${formatRate(median(mbt!))}, reference ${formatRate(median(ref!))}`,
  );
}

function sameSegments(a: readonly OverlapSegment[], b: readonly OverlapSegment[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (x, i) =>
        x.start === b[i]!.start &&
        x.end === b[i]!.end &&
        x.people.length === b[i]!.people.length &&
        x.people.every((p, k) => p === b[i]!.people[k]),
    )
  );
}

function benchOverlap(): void {
  progress('overlap');
  // Four weeks over Europe's change to summer time and the southern hemisphere's change back.
  const from = Date.UTC(2026, 2, 16);
  const to = from + 4 * WEEK_MS;
  const inputs = generateRhythms(4000, 4);
  const many = inputs.map((input) => parseRhythm(input));
  const few = many.slice(0, 400);
  // Warm the caches: every rhythm's weekly chunks for the window are compiled before timing.
  const fewSegments = overlap(few, from, to);
  const manySegments = overlap(many, from, to);
  const naive = naiveOverlap(few, from, to);
  if (!sameSegments(fewSegments, naive)) {
    warnings.push(
      `WARNING: overlap of 400 differs from the naive overlap (${fewSegments.length} vs ${naive.length} segments)`,
    );
  } else context.push(`agreement: overlap of 400 equals the naive overlap (${naive.length} segments)`);
  const refMismatch: string[] = [];
  for (let p = 0; p < 12; p++) {
    const engine = workingIntervals(few[p]!, from, to);
    const ref = refWorkingIntervals(inputs[p]!, from, to);
    if (JSON.stringify(engine) !== JSON.stringify(ref))
      refMismatch.push(`${inputs[p]!.timeZone} person ${p}: ${engine.length} vs ${ref.length} intervals`);
  }
  agree('workingIntervals over 4 weeks engine vs reference (generated rhythms)', 12, refMismatch);
  const zones = new Set(inputs.slice(0, 400).map((input) => input.timeZone)).size;
  const intervals = few.reduce((sum, r) => sum + workingIntervals(r, from, to).length, 0);
  context.push(
    `overlap inputs: 400 rhythms in ${zones} zones, ${intervals} intervals, ${fewSegments.length} segments, ${fewSegments.reduce((s, x) => s + x.people.length, 0).toLocaleString('en-US')} people listed in all; 4,000 rhythms: ${manySegments.length} segments, ${manySegments.reduce((s, x) => s + x.people.length, 0).toLocaleString('en-US')} people listed in all`,
  );

  const [engine400, naive400, tuned400, engine4000] = interleave(
    [
      {
        name: 'engine 400',
        budgetMs: 200,
        minOps: 5,
        run: (_, count) => repeat(count, () => overlap(few, from, to).length),
      },
      {
        name: 'naive 400',
        budgetMs: 500,
        minOps: 3,
        run: (_, count) => repeat(count, () => naiveOverlap(few, from, to, false).length),
      },
      {
        name: 'naive 400, early stop',
        budgetMs: 500,
        minOps: 3,
        run: (_, count) => repeat(count, () => naiveOverlap(few, from, to, true).length),
      },
      {
        name: 'engine 4000',
        budgetMs: 250,
        minOps: 3,
        run: (_, count) => repeat(count, () => overlap(many, from, to).length),
      },
    ],
    ROUNDS,
  );
  addRatioRow(
    'overlap of 400 rhythms, 4 weeks (warm caches)',
    'naive pairwise: every segment × every interval',
    ratios(naive400!, engine400!),
    {
      atLeast: 100,
    },
  );
  addRatioRow(
    'overlap of 400 rhythms, 4 weeks (warm caches)',
    'tuned naive: scan stops early',
    ratios(tuned400!, engine400!),
    {},
  );
  addRatioRow(
    'overlap time: 4,000 rhythms ÷ 400 rhythms (warm)',
    'overlap of 400, same run',
    ratios(engine4000!, engine400!),
    {
      atMost: 15,
    },
  );

  // Informational: cold, with the chunks compiled inside the call (parsing is not timed).
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const fresh = inputs.slice(0, 400).map((input) => parseRhythm(input));
    collectGarbage();
    const t0 = performance.now();
    sink += overlap(fresh, from, to).length;
    const t1 = performance.now();
    sink += overlap(fresh, from, to).length;
    cold.push(t1 - t0);
    warm.push(performance.now() - t1);
  }
  addRatioRow(
    'overlap of 400, cold (fresh rhythms, chunks compiled in the call)',
    'the same call warm',
    ratios(cold, warm),
  );
  context.push(
    `overlap: 400 warm ${formatTime(median(engine400!))}, 400 cold ${formatTime(median(cold))}, 4,000 warm ${formatTime(median(engine4000!))}, naive 400 ${formatTime(median(naive400!))}, tuned naive 400 ${formatTime(median(tuned400!))}`,
  );
}

function repeat(count: number, f: () => number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += f();
  return s;
}

function benchColdWarm(): void {
  progress('cold vs warm');
  const starts = instants(N_INPUTS, YEAR_START, YEAR_MS, 5);
  const n = 5000;
  // The zone has been seen: Berlin's offsets for 2026 are cached by the benchmarks above and this warm-up.
  const warmUp = parseRhythm(BERLIN);
  for (const t of starts) sink += addWorkingTime(warmUp, t, EIGHT_HOURS)!;
  const cold: number[] = [];
  const warm: number[] = [];
  const mbt: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const fresh = Array.from({ length: n }, () => parseRhythm(BERLIN));
    const timeCold = (): void => {
      collectGarbage();
      const t0 = performance.now();
      let s = 0;
      for (let i = 0; i < n; i++) s += addWorkingTime(fresh[i]!, starts[i & MASK]!, EIGHT_HOURS)!;
      cold.push((performance.now() - t0) / n);
      sink += s;
    };
    const timeWarm = (): void => {
      collectGarbage();
      const t0 = performance.now();
      let passes = 0;
      let s = 0;
      do {
        for (let i = 0; i < n; i++) s += addWorkingTime(fresh[i]!, starts[i & MASK]!, EIGHT_HOURS)!;
        passes++;
      } while (performance.now() - t0 < 50);
      warm.push((performance.now() - t0) / (n * passes));
      sink += s;
    };
    const timeMoment = (): void => {
      mbt.push(
        measure({
          name: 'moment-business-time',
          budgetMs: 200,
          minOps: 20,
          run: (from, count) => {
            let s = 0;
            for (let i = from; i < from + count; i++) s += momentAdd(starts[i & MASK]!, 8);
            return s;
          },
        }),
      );
    };
    // Cold must come before warm on the same rhythms; alternate where moment-business-time goes.
    if (round % 2 === 0) {
      timeMoment();
      timeCold();
      timeWarm();
    } else {
      timeCold();
      timeWarm();
      timeMoment();
    }
  }
  addRatioRow(
    'addWorkingTime, first query on a freshly parsed rhythm (cold)',
    'the same query warm',
    ratios(cold, warm),
  );
  addRatioRow('addWorkingTime cold (first query, fresh rhythm)', 'moment-business-time', ratios(mbt, cold));
  context.push(
    `cold vs warm: first addWorkingTime ${formatTime(median(cold))}, warm ${formatTime(median(warm))}`,
  );
}

/**
 * Bytes in use after a full collection: the JS heap plus ArrayBuffer backing stores, which V8 keeps off the
 * heap for typed arrays over 64 bytes (a week's compiled bounds are such arrays), so heapUsed alone misses them.
 */
function memoryInUse(): [heap: number, buffers: number] {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return [usage.heapUsed, usage.arrayBuffers];
}

/**
 * One measurement of retained memory per rhythm, in its own call so that nothing of a previous round is still
 * referenced (V8's interpreter keeps a loop variable's old value alive until it is overwritten). Returns the
 * bytes of the JSON inputs, of the parsed rhythms, and of the parsed rhythms after a query over 4 weeks, each
 * as heap + buffers, plus the last as heapUsed only.
 */
function retainedRound(n: number, seed: number, from: number, to: number): number[] {
  const m0 = memoryInUse();
  const inputs = generateRhythms(n, seed);
  const m1 = memoryInUse();
  const rhythms = inputs.map((input) => parseRhythm(input));
  const m2 = memoryInUse();
  for (const r of rhythms) sink += workingTimeBetween(r, from, to);
  const m3 = memoryInUse();
  // Keep both arrays alive up to the last reading.
  sink += rhythms.length + inputs.length;
  const total = (a: [number, number], b: [number, number]): number => (b[0] + b[1] - a[0] - a[1]) / n;
  return [total(m0, m1), total(m1, m2), total(m1, m3), (m3[0] - m1[0]) / n];
}

function benchMemory(): void {
  progress('memory');
  if (typeof gc !== 'function') {
    warnings.push('WARNING: run with node --expose-gc to measure retained memory; skipped');
    return;
  }
  const from = Date.UTC(2026, 2, 16);
  const to = from + 4 * WEEK_MS;
  const n = 10_000;
  const perRhythm: number[] = [];
  const parsedOnly: number[] = [];
  const inputBytes: number[] = [];
  const heapOnly: number[] = [];
  for (let round = 0; round < 3; round++) {
    const [input, parsed, queried, heap] = retainedRound(n, 100 + round, from, to);
    inputBytes.push(input!);
    parsedOnly.push(parsed!);
    perRhythm.push(queried!);
    heapOnly.push(heap!);
  }
  const bytes = median(perRhythm);
  rows.push({
    measure: 'retained per rhythm: 10,000 parsed, each queried over 4 weeks',
    baseline: '8 KiB budget',
    figure: `${(bytes / 1024).toFixed(2)} KiB`,
    spread: `${(Math.min(...perRhythm) / 1024).toFixed(2)}–${(Math.max(...perRhythm) / 1024).toFixed(2)} KiB`,
    goal: '≤ 8 KiB',
    result: bytes <= 8 * 1024 ? 'PASS' : 'FAIL',
  });
  addRatioRow(
    'retained per rhythm (parsed and queried over 4 weeks)',
    'its JSON input, same run',
    ratios(perRhythm, inputBytes),
  );
  context.push(
    `memory per rhythm: JSON input ${Math.round(median(inputBytes))} B, parsed ${Math.round(median(parsedOnly))} B, parsed and queried over 4 weeks ${Math.round(bytes)} B (heap and ArrayBuffers; heapUsed alone ${Math.round(median(heapOnly))} B)`,
  );
}

function main(): void {
  const started = performance.now();
  configureMomentBusinessTime();
  const berlin = parseRhythm(BERLIN);
  // `npm run bench -w @meanwhile/time -- overlap memory` runs only the named sections.
  const only = process.argv.slice(2);
  const sections: [string, () => void][] = [
    ['add', () => benchAddWorkingTime(berlin)],
    ['isworking', () => benchIsWorking(berlin)],
    ['between', () => benchWorkingTimeBetween(berlin)],
    ['overlap', benchOverlap],
    ['cold', benchColdWarm],
    ['memory', benchMemory],
  ];
  for (const [name, run] of sections) if (only.length === 0 || only.includes(name)) run();

  console.log('');
  console.log(
    `@meanwhile/time: each figure is the median over ${ROUNDS} interleaved rounds of a ratio of rates (or times) measured in this run.`,
  );
  console.log('Speed-ups are baseline time ÷ engine time: higher is better.');
  console.log('');
  printTable();
  console.log('');
  for (const line of context) console.log(`  ${line}`);
  for (const line of warnings) console.log(line);
  const failed = rows.filter((row) => row.result === 'FAIL').length;
  console.log('');
  console.log(
    `${failed === 0 ? 'All goals met' : `${failed} goal(s) missed`}; ${((performance.now() - started) / 1000).toFixed(0)} s (checksum ${sink % 997}).`,
  );
}

main();
