// What a person's feed shows, computed without a database: sync window occurrences, focus blocks (working
// hours less delivery slots) and time off, as feed events with stable keys.
import { workingIntervals } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';
import type { FeedEvent } from './calendar.feed.js';

/** `a` minus `b`, both sorted and merged lists of `[start, end)`. */
export function subtractIntervals(
  a: readonly [number, number][],
  b: readonly [number, number][],
): [number, number][] {
  const out: [number, number][] = [];
  let j = 0;
  for (const [start, end] of a) {
    let s = start;
    while (j < b.length && b[j]![1] <= s) j++;
    for (let k = j; k < b.length && b[k]![0] < end; k++) {
      if (b[k]![0] > s) out.push([s, b[k]![0]]);
      s = Math.max(s, b[k]![1]);
    }
    if (s < end) out.push([s, end]);
  }
  return out;
}

/** A weekly window in a zone (as the agreement stores sync windows). */
export interface WeeklyWindow {
  timeZone: string;
  day: string;
  hours: string;
}

/** Feed events of the agreement's sync windows, from each window's occurrences. */
export function syncWindowEvents(
  windows: readonly { window: WeeklyWindow; occurrences: { date: string; start: number; end: number }[] }[],
): FeedEvent[] {
  return windows.flatMap(({ window: w, occurrences }) =>
    occurrences.map((o) => ({
      key: `sync-window:${w.timeZone}:${w.day}:${w.hours}:${o.date}`,
      summary: 'Sync window',
      description: `Time the team keeps for synchronous work (${w.day} ${w.hours}, ${w.timeZone}).`,
      start: o.start,
      end: o.end,
      transparency: 'free' as const,
      category: 'sync-window',
    })),
  );
}

/** Feed events of a person's focus blocks: working hours (less time off) that are not delivery slots. */
export function focusEvents(present: Rhythm, slots: Rhythm, from: number, to: number): FeedEvent[] {
  return subtractIntervals(workingIntervals(present, from, to), workingIntervals(slots, from, to)).map(
    ([start, end]) => ({
      key: `focus:${start}`,
      summary: 'Focus',
      start,
      end,
      transparency: 'busy' as const,
      category: 'focus',
    }),
  );
}

/** Feed events of a person's time off: all-day, by local date. */
export function timeOffEvents(timeOff: readonly { from: string; to: string }[]): FeedEvent[] {
  return timeOff.map((t) => ({
    key: `time-off:${t.from}:${t.to}`,
    summary: 'Time off',
    start: 0,
    end: 0,
    dates: [t.from, t.to] as [string, string],
    transparency: 'busy' as const,
    category: 'time-off',
  }));
}
