// The arithmetic of the team time map: the window in my time zone, where the team overlaps, and where an
// instant sits on the track. Pure functions over epoch milliseconds; wall clocks only through Intl.

/** An interval `[startMs, endMs)`. */
export interface Span {
  startMs: number;
  endMs: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `ms`, in ms (Intl's answer). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(ms)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant local midnight began on the day of `ms` in `timeZone` (DST days included). */
export function startOfLocalDay(ms: number, timeZone: string): number {
  const offset = zoneOffsetMs(ms, timeZone);
  const local = new Date(ms + offset);
  const midnightWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // The offset at midnight may differ from now's (a DST change in between): settle it in two steps.
  let guess = midnightWall - offset;
  guess = midnightWall - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** The parts of `a` that are also in `b` (both sorted, non-overlapping). */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.startMs, b[j]!.startMs);
    const end = Math.min(a[i]!.endMs, b[j]!.endMs);
    if (start < end) out.push({ startMs: start, endMs: end });
    if (a[i]!.endMs < b[j]!.endMs) i++;
    else j++;
  }
  return out;
}

/** Where everyone in `people` is working (a delivery slot: not focus, not off), within `[from, to)`. */
export function teamOverlap(
  people: readonly { intervals: readonly (Span & { kind: string })[] }[],
  window: Span,
): Span[] {
  if (people.length === 0) return [];
  let common: Span[] = [window];
  for (const person of people) {
    const working = person.intervals
      .filter((interval) => interval.kind === 'working')
      .map(({ startMs, endMs }) => ({ startMs, endMs }))
      .sort((x, y) => x.startMs - y.startMs);
    common = intersect(common, working);
    if (common.length === 0) break;
  }
  return common;
}

/** A span's place on a track over `window`, as percentages (clipped to the window). */
export function placeOnTrack(span: Span, window: Span): { left: number; width: number } | null {
  const total = window.endMs - window.startMs;
  const start = Math.max(span.startMs, window.startMs);
  const end = Math.min(span.endMs, window.endMs);
  if (end <= start || total <= 0) return null;
  return { left: ((start - window.startMs) / total) * 100, width: ((end - start) / total) * 100 };
}

/** What someone is doing at `ms` by their labelled intervals: the kind of the one holding it, if any. */
export function statusAt(
  intervals: readonly (Span & { kind: string })[],
  ms: number,
): 'working' | 'focus' | 'off' | 'not-working' {
  const holding = intervals.find((interval) => interval.startMs <= ms && ms < interval.endMs);
  if (!holding) return 'not-working';
  return holding.kind === 'working' || holding.kind === 'focus' || holding.kind === 'off'
    ? holding.kind
    : 'not-working';
}

/** The wall-clock date (`YYYY-MM-DD`) of `ms` in `timeZone`. */
export function localDateOf(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day}`;
}
