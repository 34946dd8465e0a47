// Wall-clock times for people in other zones, always through `Intl` (STYLE.md §11): "09:00 Tue" in a
// given IANA zone, with the date added when the instant is more than six days away.

const sixDaysMs = 6 * 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, options);
    formatters.set(key, found);
  }
  return found;
}

/**
 * An instant as the wall clock of `timeZone` shows it: "09:00 Tue", or "09:00 Tue 8 Dec" when it is
 * more than six days from `now`.
 *
 * @example
 * ```ts
 * wallClock('2026-12-01T17:00:00Z', 'America/Los_Angeles'); // "09:00 Tue"
 * ```
 */
export function wallClock(at: string | number, timeZone: string, now: number = Date.now()): string {
  const date = new Date(at);
  const time = formatter(`t:${timeZone}`, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  const far = Math.abs(date.getTime() - now) > sixDaysMs;
  const day = far
    ? formatter(`d:${timeZone}`, { timeZone, weekday: 'short', day: 'numeric', month: 'short' })
    : formatter(`w:${timeZone}`, { timeZone, weekday: 'short' });
  return `${time} ${day.format(date)}`;
}

/** The browser's own zone (the viewer's, when the server gave none). */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday", "3 weeks ago": how long ago `at` was, for lists. */
export function timeAgo(at: string | number, now: number = Date.now()): string {
  const seconds = Math.round((new Date(at).getTime() - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
    ['year', Number.POSITIVE_INFINITY],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}
