// Times on the inbox and waiting screens, formatted by `Intl` in a named zone ("Thu 11:00"), never by hand.
// Formatters are cached per zone: building one is far dearer than using it, and the inbox shows hundreds.
import type { DueAt } from './inbox-order';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(undefined, {
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        ...(timeZone ? { timeZone } : {}),
      });
    } catch {
      // A zone this browser does not know: its own zone rather than nothing.
      format = new Intl.DateTimeFormat(undefined, {
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    }
    formatters.set(key, format);
  }
  return format;
}

/** An instant as "Thu 11:00" in `timeZone` (the browser's when not given). */
export function formatWeekdayTime(epochMs: number, timeZone?: string): string {
  return formatter(timeZone).format(epochMs);
}

/** The city of an IANA zone, for "Los Angeles time": the last part, underscores as spaces. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}

/**
 * A due time for me as the inbox says it: "due Thu 11:00 your time".
 */
export function dueForMe(due: DueAt): string {
  return `due ${formatWeekdayTime(due.epochMs, due.mine.timeZone)} your time`;
}

/**
 * A due time in the asked person's time and mine: "due Thu 13:00 for Sam · Thu 22:00 for you"; one clock
 * when we share a zone.
 */
export function dueForBoth(due: DueAt, theirName: string): string {
  const mine = formatWeekdayTime(due.epochMs, due.mine.timeZone);
  if (due.theirs.timeZone === due.mine.timeZone) return `due ${mine} for ${theirName} and you`;
  const theirs = formatWeekdayTime(due.epochMs, due.theirs.timeZone);
  return `due ${theirs} for ${theirName} · ${mine} for you`;
}
