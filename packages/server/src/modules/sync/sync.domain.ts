// Candidate sync windows (PRODUCT.md "Sync time", issue 7): built on `overlap` of the team's delivery slots
// (working, not in a focus block, not on time off), so a candidate is never inside anyone's focus block.
//
// One `overlap` sweep gives the maximal segments where the same people are free; diffing consecutive
// segments gives each person's free runs back. A window of `duration` starting at grid cell c includes a
// person exactly when one of their runs contains it, so a difference array over the grid counts everyone
// in time linear in runs + cells. Only the best cells are then scored for how humane they are (distance from
// the edges of each included person's free stretch: their day's start and end, and their focus blocks).
import { overlap, toLocal } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';

/** One person as the candidates see them: their delivery slots. */
export interface SyncPerson {
  personId: string;
  slots: Rhythm;
}

/** A candidate window: who it includes (indices into the people), who it leaves out, how humane it is. */
export interface CandidateWindow {
  start: number;
  end: number;
  included: number[];
  leftOut: number[];
  /** 0–1: the mean over included people of their distance from the edges of their free time, capped at 2 h. */
  humane: number;
}

/** A weekly pattern: the same local time in the reference zone on several weekdays. */
export interface WeeklyPattern {
  timeZone: string;
  days: string[];
  /** Local `HH:MM-HH:MM` in `timeZone`. */
  hours: string;
  /** `Tue and Thu 15:00–16:00 Berlin`. */
  label: string;
  /** People included in every occurrence over the range. */
  included: number[];
  leftOut: number[];
  occurrences: number;
}

/** Options of {@link candidateWindows}. */
export interface CandidateOptions {
  durationMs?: number;
  /** Grid of window starts (default 15 minutes). */
  stepMs?: number;
  /** Most windows returned (default 10). */
  limit?: number;
  /** The zone weekly patterns are stated in (default UTC). */
  patternZone?: string;
}

const minuteMs = 60_000;
/** Past this distance from an edge a window is as humane as can be. */
const comfortableMs = 2 * 3_600_000;
/** Cells scored for humaneness: the best ones by head count. */
const scoredCells = 96;

/** Each person's free runs `[s0, e0, s1, e1, …]`, rebuilt from the overlap segments. */
function runsFromOverlap(n: number, rhythms: readonly Rhythm[], from: number, to: number): Float64Array[] {
  const runs: number[][] = Array.from({ length: n }, () => []);
  let previous: number[] = [];
  let previousEnd = from;
  for (const segment of overlap(rhythms, from, to)) {
    const gap = segment.start !== previousEnd;
    const next = segment.people;
    let i = 0;
    let j = 0;
    // Both lists ascending: a merge finds who left and who joined at this boundary.
    while (i < previous.length || j < next.length) {
      const a = i < previous.length ? previous[i]! : Infinity;
      const b = j < next.length ? next[j]! : Infinity;
      if (a === b && !gap) {
        i++;
        j++;
        continue;
      }
      if (a <= b) {
        runs[a]!.push(previousEnd); // left (or everyone left at a gap)
        i++;
        if (a === b) {
          runs[b]!.push(segment.start);
          j++;
        }
      } else {
        runs[b]!.push(segment.start);
        j++;
      }
    }
    previous = next;
    previousEnd = segment.end;
  }
  for (const person of previous) runs[person]!.push(previousEnd);
  return runs.map((r) => Float64Array.from(r));
}

/** The run of `runs` containing `[t, t + d)`, as its index, or -1. */
function runContaining(runs: Float64Array, t: number, d: number): number {
  let lo = 0;
  let hi = runs.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[2 * mid + 1]! <= t) lo = mid + 1;
    else if (runs[2 * mid]! > t) hi = mid - 1;
    else return runs[2 * mid + 1]! >= t + d ? mid : -1;
  }
  return -1;
}

/** Who is in and out of `[t, t + d)`, and how humane it is for those in. */
function score(runs: readonly Float64Array[], t: number, d: number): Omit<CandidateWindow, 'start' | 'end'> {
  const included: number[] = [];
  const leftOut: number[] = [];
  let total = 0;
  for (let p = 0; p < runs.length; p++) {
    const r = runContaining(runs[p]!, t, d);
    if (r === -1) {
      leftOut.push(p);
      continue;
    }
    included.push(p);
    const distance = Math.min(t - runs[p]![2 * r]!, runs[p]![2 * r + 1]! - (t + d));
    total += Math.min(1, distance / comfortableMs);
  }
  return { included, leftOut, humane: included.length === 0 ? 0 : total / included.length };
}

/** How many people each grid start includes: a difference array over every run. */
function countByCell(
  runs: readonly Float64Array[],
  g0: number,
  cells: number,
  step: number,
  d: number,
): Int32Array {
  const diff = new Int32Array(cells + 1);
  for (const r of runs) {
    for (let i = 0; i < r.length; i += 2) {
      const c0 = Math.max(0, Math.ceil((r[i]! - g0) / step));
      const c1 = Math.min(cells - 1, Math.floor((r[i + 1]! - d - g0) / step));
      if (c1 < c0) continue;
      diff[c0]!++;
      diff[c1 + 1]!--;
    }
  }
  let running = 0;
  for (let c = 0; c < cells; c++) {
    running += diff[c]!;
    diff[c] = running;
  }
  return diff.subarray(0, cells);
}

/** The `k` cells with the highest counts (ties: earlier first), by a counting pass instead of a sort. */
function bestCells(counts: Int32Array, maxCount: number, k: number): number[] {
  const histogram = new Int32Array(maxCount + 1);
  for (let c = 0; c < counts.length; c++) histogram[counts[c]!]!++;
  // The lowest count that still makes the top k (never 0: a window nobody can attend is no candidate).
  let threshold = maxCount;
  for (let taken = histogram[maxCount]!; threshold > 1 && taken < k;) taken += histogram[--threshold]!;
  const byCount: number[][] = [];
  for (let c = 0; c < counts.length; c++) {
    const count = counts[c]!;
    if (count >= threshold && count > 0) (byCount[maxCount - count] ??= []).push(c);
  }
  return byCount.flat().slice(0, k);
}

const dayNames: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const weekOrder = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24 === 0 && minutes >= 1440 ? 24 : Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `Tue and Thu`, `Mon, Wed and Fri`. */
function listDays(days: readonly string[]): string {
  const names = days.map((d) => dayNames[d]!);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** Weekly patterns: local start times in `zone` whose weekly worst head count is best, grouped by weekday. */
function weeklyPatterns(
  runs: readonly Float64Array[],
  counts: Int32Array,
  g0: number,
  step: number,
  d: number,
  zone: string,
): WeeklyPattern[] {
  // For each local (minute of day, weekday): the lowest head count over its occurrences, and the instants.
  const byKey = new Map<number, { weekday: string; min: number; starts: number[] }[]>();
  for (let c = 0; c < counts.length; c++) {
    const t = g0 + c * step;
    const local = toLocal(zone, t);
    if (local.minutes + d / minuteMs > 1440) continue; // crosses local midnight
    let days = byKey.get(local.minutes);
    if (!days) byKey.set(local.minutes, (days = []));
    let day = days.find((x) => x.weekday === local.weekday);
    if (!day) days.push((day = { weekday: local.weekday, min: Infinity, starts: [] }));
    day.min = Math.min(day.min, counts[c]!);
    day.starts.push(t);
  }
  const options = [...byKey.entries()].map(([minutes, days]) => {
    const best = Math.max(...days.map((x) => x.min));
    // Weekdays whose worst week is within 10 % of the best: a pattern the team can keep every week.
    const chosen = days.filter((x) => best > 0 && x.min >= Math.ceil(best * 0.9));
    chosen.sort((a, b) => weekOrder.indexOf(a.weekday) - weekOrder.indexOf(b.weekday));
    return { minutes, best, chosen };
  });
  options.sort((a, b) => b.best - a.best || b.chosen.length - a.chosen.length || a.minutes - b.minutes);
  const out: WeeklyPattern[] = [];
  const durationMinutes = Math.round(d / minuteMs);
  for (const option of options) {
    if (out.length >= 3 || option.chosen.length === 0) break;
    if (
      out.some(
        (p) =>
          Math.abs(Number(p.hours.slice(0, 2)) * 60 + Number(p.hours.slice(3, 5)) - option.minutes) <
          durationMinutes,
      )
    )
      continue;
    const starts = option.chosen.flatMap((x) => x.starts);
    const included: number[] = [];
    const leftOut: number[] = [];
    for (let p = 0; p < runs.length; p++) {
      (starts.every((t) => runContaining(runs[p]!, t, d) !== -1) ? included : leftOut).push(p);
    }
    const hours = `${clock(option.minutes)}-${clock(option.minutes + durationMinutes)}`;
    const days = option.chosen.map((x) => x.weekday);
    const place = zone.split('/').at(-1)!.replaceAll('_', ' ');
    out.push({
      timeZone: zone,
      days,
      hours,
      label: `${listDays(days)} ${hours.replace('-', '–')} ${place}`,
      included,
      leftOut,
      occurrences: starts.length,
    });
  }
  return out;
}

/**
 * Candidate sync windows of `duration` in `[from, to)`: ranked by how many people they include, then by how
 * humane they are; never overlapping one another; each naming who is left out. And up to three weekly
 * patterns in `patternZone`.
 *
 * @example
 * candidateWindows(team, from, from + 28 * 86_400_000, { durationMs: 3_600_000, patternZone: 'Europe/Berlin' })
 */
export function candidateWindows(
  people: readonly SyncPerson[],
  from: number,
  to: number,
  options: CandidateOptions = {},
): { windows: CandidateWindow[]; patterns: WeeklyPattern[] } {
  const d = options.durationMs ?? 60 * minuteMs;
  const step = options.stepMs ?? 15 * minuteMs;
  const limit = options.limit ?? 10;
  const runs = runsFromOverlap(
    people.length,
    people.map((p) => p.slots),
    from,
    to,
  );
  const g0 = Math.ceil(from / step) * step;
  const cells = Math.max(0, Math.floor((to - d - g0) / step) + 1);
  const counts = countByCell(runs, g0, cells, step, d);
  // The best cells by head count (ties: earlier first), then scored and ranked.
  const scored = bestCells(counts, people.length, scoredCells).map((c) => {
    const start = g0 + c * step;
    return { start, end: start + d, ...score(runs, start, d) };
  });
  scored.sort((a, b) => b.included.length - a.included.length || b.humane - a.humane || a.start - b.start);
  const windows: CandidateWindow[] = [];
  for (const w of scored) {
    if (windows.length >= limit) break;
    if (windows.some((x) => x.start < w.end && w.start < x.end)) continue;
    windows.push(w);
  }
  const patterns = weeklyPatterns(runs, counts, g0, step, d, options.patternZone ?? 'UTC');
  return { windows, patterns };
}
