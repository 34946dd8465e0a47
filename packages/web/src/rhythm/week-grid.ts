// The weekly grid behind "My rhythm": 7 days × 48 half-hour cells, each off, working or focus, and the
// conversions between it and the rhythm text form the server takes (`"HH:MM-HH:MM"` per weekday, half-open,
// the end may be `24:00`; PRODUCT.md "Time"). Pure functions, so that the grid and its tests agree.

/** The weekdays in the order the API and the grid use. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A weekday key of the rhythm's `week`. */
export type Weekday = (typeof weekdays)[number];

/** Hours per weekday, as the API sends and takes them (`{ mon: ['09:00-17:00'], … }`). */
export type WeekHours = Record<Weekday, string[]>;

/** What a cell of the grid is: off, a working slot, or a focus block (working hours with no delivery). */
export type CellKind = 'off' | 'working' | 'focus';

/** The grid: `cells[day][slot]`, day 0 = Monday, slot 0 = 00:00–00:30. */
export type WeekGrid = CellKind[][];

/** Minutes per cell. */
export const slotMinutes = 30;

/** Cells per day. */
export const slotsPerDay = (24 * 60) / slotMinutes;

/** An empty week: every cell off. */
export function emptyGrid(): WeekGrid {
  return weekdays.map(() => Array.from({ length: slotsPerDay }, (): CellKind => 'off'));
}

/** `"HH:MM"` for a minute of the day (0…1440; 1440 is `24:00`). */
export function clockOf(minute: number): string {
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** `"09:00-17:00"` as minutes `[540, 1020]`, or null when it is not of that form. */
export function parseRange(range: string): [number, number] | null {
  const match = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range.trim());
  if (!match) return null;
  const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
  return [h1 * 60 + m1, h2 * 60 + m2];
}

function cellsOf(ranges: readonly string[]): boolean[] {
  const marked = Array.from({ length: slotsPerDay }, () => false);
  for (const range of ranges) {
    const parsed = parseRange(range);
    if (!parsed) continue;
    const [start, end] = parsed;
    // A cell is in the range when its middle is: 09:15-17:00 paints from the 09:00 cell.
    for (let slot = 0; slot < slotsPerDay; slot++) {
      const middle = slot * slotMinutes + slotMinutes / 2;
      if (middle >= start && middle < end) marked[slot] = true;
    }
  }
  return marked;
}

/** The grid for working hours `week` and focus blocks `focus` (focus wins where both are set). */
export function gridFromRhythm(week: Partial<WeekHours>, focus: Partial<WeekHours>): WeekGrid {
  return weekdays.map((day) => {
    const working = cellsOf(week[day] ?? []);
    const focused = cellsOf(focus[day] ?? []);
    return working.map((isWorking, slot): CellKind =>
      focused[slot] ? 'focus' : isWorking ? 'working' : 'off',
    );
  });
}

/** The runs of a day's cells for which `include` holds, as `"HH:MM-HH:MM"`. */
function rangesOf(day: readonly CellKind[], include: (kind: CellKind) => boolean): string[] {
  const ranges: string[] = [];
  let start: number | null = null;
  for (let slot = 0; slot <= day.length; slot++) {
    const inside = slot < day.length && include(day[slot]!);
    if (inside && start === null) start = slot;
    if (!inside && start !== null) {
      ranges.push(`${clockOf(start * slotMinutes)}-${clockOf(slot * slotMinutes)}`);
      start = null;
    }
  }
  return ranges;
}

/**
 * The rhythm of a grid: working hours are the working and focus cells (a focus block is part of the
 * working day, in which nothing is delivered), focus blocks are the focus cells.
 */
export function rhythmFromGrid(grid: WeekGrid): { week: WeekHours; focus: WeekHours } {
  const week = {} as WeekHours;
  const focus = {} as WeekHours;
  weekdays.forEach((day, i) => {
    week[day] = rangesOf(grid[i]!, (kind) => kind !== 'off');
    focus[day] = rangesOf(grid[i]!, (kind) => kind === 'focus');
  });
  return { week, focus };
}

/** Whether the grid shows `week` and `focus` exactly (false when they use times finer than a cell). */
export function isExactOnGrid(week: Partial<WeekHours>, focus: Partial<WeekHours>): boolean {
  const back = rhythmFromGrid(gridFromRhythm(week, focus));
  return (
    weekdays.every((day) => sameRanges(back.week[day], week[day] ?? [])) &&
    weekdays.every((day) => sameRanges(back.focus[day], focus[day] ?? []))
  );
}

function sameRanges(a: readonly string[], b: readonly string[]): boolean {
  // Adjacent ranges merge on the grid (09:00-12:00 + 12:00-17:00 is 09:00-17:00): compare minutes covered.
  const minutes = (ranges: readonly string[]) => {
    const set = new Set<number>();
    for (const range of ranges) {
      const parsed = parseRange(range);
      if (!parsed) return null;
      for (let m = parsed[0]; m < parsed[1]; m++) set.add(m);
    }
    return [...set].sort((x, y) => x - y).join(',');
  };
  const left = minutes(a);
  return left !== null && left === minutes(b);
}

/** The grid with the rectangle between two cells (inclusive, any corner order) painted `kind`. */
export function paintRect(
  grid: WeekGrid,
  from: { day: number; slot: number },
  to: { day: number; slot: number },
  kind: CellKind,
): WeekGrid {
  const [d0, d1] = [Math.min(from.day, to.day), Math.max(from.day, to.day)];
  const [s0, s1] = [Math.min(from.slot, to.slot), Math.max(from.slot, to.slot)];
  return grid.map((day, d) =>
    d < d0 || d > d1 ? day : day.map((cell, s) => (s < s0 || s > s1 ? cell : kind)),
  );
}
