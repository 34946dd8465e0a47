// Occurrences of the agreement's weekly sync windows, and whether a person's delivery slots cover them.
import { localToInstant, toLocal, workingTimeBetween } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';

/** A weekly window in a zone: `hours` is local `HH:MM-HH:MM`. */
export interface WeeklyWindow {
  timeZone: string;
  day: string;
  hours: string;
}

const dayMs = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The occurrences `[start, end)` of a weekly window that overlap `[from, to)`, with their local dates. */
export function windowOccurrences(
  window: WeeklyWindow,
  from: number,
  to: number,
): { date: string; start: number; end: number }[] {
  const out: { date: string; start: number; end: number }[] = [];
  const startMin = minutesOf(window.hours.slice(0, 5));
  const endMin = minutesOf(window.hours.slice(6));
  // From a day before `from`: an occurrence may start before it and reach into it.
  for (let t = from - dayMs; t < to + dayMs; t += dayMs) {
    const local = toLocal(window.timeZone, t);
    if (local.weekday !== window.day || out.at(-1)?.date === local.date) continue;
    const start = localToInstant(window.timeZone, local.date, startMin);
    const end = localToInstant(window.timeZone, local.date, endMin);
    if (end > from && start < to) out.push({ date: local.date, start, end });
  }
  return out;
}

/**
 * The windows with an occurrence in `[from, to)` that the slots do not wholly cover (a working day of the
 * person: an occurrence on their day off, during time off or a focus block counts as not covered).
 */
export function uncoveredWindows<W extends WeeklyWindow>(
  slots: Rhythm,
  windows: readonly W[],
  from: number,
  to: number,
): W[] {
  return windows.filter((w) =>
    windowOccurrences(w, from, to).some((o) => workingTimeBetween(slots, o.start, o.end) < o.end - o.start),
  );
}
