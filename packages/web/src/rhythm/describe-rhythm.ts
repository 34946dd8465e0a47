// The live sentence under the grid: what the settings mean for deliveries, in words ("Posts reach you
// Mon–Fri 09:00–17:00 Berlin time, except during focus 09:00–11:00.").
import { rhythmFromGrid, weekdays } from './week-grid';
import type { WeekGrid, WeekHours } from './week-grid';

const weekdayFormat = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' });

/** Short weekday names, Monday first ("Mon", "Tue"…), from Intl. */
export const weekdayLabels: string[] = weekdays.map((_, i) => weekdayFormat.format(Date.UTC(2024, 0, 1 + i)));

const longWeekdayFormat = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });

/** Long weekday names, Monday first ("Monday"…), from Intl. */
export const weekdayNames: string[] = weekdays.map((_, i) =>
  longWeekdayFormat.format(Date.UTC(2024, 0, 1 + i)),
);

const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/** "Berlin" for `Europe/Berlin`, "New York" for `America/New_York`, "UTC" for `UTC`. */
export function placeOf(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}

const dash = (range: string) => range.replace('-', '–');

/** Days grouped where consecutive days have the same hours: "Mon–Fri 09:00–17:00, Sat 10:00–12:00". */
function describeDays(hours: WeekHours, onlyHours: boolean): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < weekdays.length) {
    const ranges = hours[weekdays[i]!];
    if (ranges.length === 0) {
      i++;
      continue;
    }
    const key = ranges.join(',');
    let j = i;
    while (j + 1 < weekdays.length && hours[weekdays[j + 1]!].join(',') === key) j++;
    const days = j === i ? weekdayLabels[i]! : `${weekdayLabels[i]!}–${weekdayLabels[j]!}`;
    const times = list.format(ranges.map(dash));
    parts.push(onlyHours ? times : `${days} ${times}`);
    i = j + 1;
  }
  return parts;
}

/** What the sentence needs besides the grid. */
export interface SentenceSettings {
  timeZone: string;
  delivery: { mode: 'as-they-come' | 'batched'; batchTimes: string[] };
  /** Whether time off is planned (the sentence then says it is kept free). */
  hasTimeOff?: boolean;
}

/** The sentence that says what the grid and settings mean for when posts reach the person. */
export function describeRhythm(grid: WeekGrid, settings: SentenceSettings): string {
  const { week, focus } = rhythmFromGrid(grid);
  const working = describeDays(week, false);
  if (working.length === 0) {
    return 'No working hours are set, so posts never reach you; only interrupts do. Paint your working hours on the grid.';
  }
  const zone = `${placeOf(settings.timeZone)} time`;
  const batched =
    settings.delivery.mode === 'batched' && settings.delivery.batchTimes.length > 0
      ? ` in batches at ${list.format([...settings.delivery.batchTimes].sort())},`
      : '';
  let sentence = `Posts reach you${batched} ${list.format(working)} ${zone}`;

  const focusDays = weekdays.filter((day) => focus[day].length > 0);
  if (focusDays.length > 0) {
    const workingDays = weekdays.filter((day) => week[day].length > 0);
    const sameEveryDay =
      focusDays.length === workingDays.length &&
      new Set(focusDays.map((day) => focus[day].join(','))).size === 1;
    sentence += `, except during focus ${list.format(describeDays(focus, sameEveryDay).filter((p, i, all) => !sameEveryDay || all.indexOf(p) === i))}`;
  }
  if (settings.hasTimeOff) sentence += ', and never on your time off';
  return `${sentence}.`;
}
