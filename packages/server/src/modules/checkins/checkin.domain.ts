// The pure rules of check-ins: when each participant is asked (a local time of their day, on chosen
// weekdays, DST by `localToInstant`'s compatible rule), which days are skipped, when a round closes, and the
// summary posted into the thread.
import { localToInstant, toLocal, workingIntervals } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';

/** Weekday keys, Monday first (as rhythms spell them). */
export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A weekday key. */
export type CheckinWeekday = (typeof weekdayKeys)[number];

/** A question of a check-in; answers to a blocker question are highlighted in the summary. */
export interface CheckinQuestion {
  text: string;
  isBlocker: boolean;
}

/** The most questions and participants of a check-in, and the longest answer. */
export const maxQuestions = 10;
export const maxCheckinParticipants = 200;
export const maxAnswerLength = 4_000;

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The weekday of a local date. */
export function weekdayOfDate(date: string): CheckinWeekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return weekdayKeys[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/** Minutes since midnight of `HH:MM`. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * The first ask after `after`: the local time `minutes` on the next chosen weekday, in `timeZone`. A time in a
 * DST gap moves forward by the gap; in an overlap the earlier occurrence is taken, so each local day asks once.
 *
 * @example nextAskAt('Europe/Berlin', ['mon'], 990, Date.UTC(2027, 2, 28)) // Mon 29 March 16:30 CEST
 */
export function nextAskAt(
  timeZone: string,
  weekdays: readonly CheckinWeekday[],
  minutes: number,
  after: number,
): { at: number; date: string } | null {
  const start = toLocal(timeZone, after).date;
  for (let i = 0; i <= 8; i++) {
    const date = addDays(start, i);
    if (!weekdays.includes(weekdayOfDate(date))) continue;
    const at = localToInstant(timeZone, date, minutes);
    if (at > after) return { at, date };
  }
  return null;
}

/** Whether a person is asked on a local date: not on time off, and with working hours that day. */
export function isAskDay(
  person: { timeZone: string; rhythm: Rhythm; timeOff: readonly { from: string; to: string }[] },
  date: string,
): boolean {
  if (person.timeOff.some((t) => t.from <= date && date <= t.to)) return false;
  const from = localToInstant(person.timeZone, date, 0);
  const to = localToInstant(person.timeZone, addDays(date, 1), 0);
  return workingIntervals(person.rhythm, from, to).length > 0;
}

/** A round (one local date) closes when every participant has had until the same local time the next day. */
export function roundCloseAt(timeZones: readonly string[], date: string, minutes: number): number {
  return Math.max(...timeZones.map((zone) => localToInstant(zone, addDays(date, 1), minutes)));
}

const nothing = /^(none|nothing|no|nope|n\/a|-+)\.?$/i;
const oneLine = (text: string) => text.trim().replace(/\s*\n\s*/g, ' ');

/**
 * The blockers of a round: the answers to its blocker questions that say something ("nothing", "none",
 * "n/a" and "-" do not), without who gave them.
 */
export function roundBlockers(
  questions: readonly CheckinQuestion[],
  answers: readonly (readonly string[])[],
): string[] {
  return questions.flatMap((q, i) =>
    q.isBlocker
      ? answers.map((a) => a[i] ?? '').filter((a) => a.trim() !== '' && !nothing.test(a.trim()))
      : [],
  );
}

/**
 * The summary of a closed round, posted into the check-in's thread: team figures only (never who did not
 * answer), blockers first, then every answer per question without names.
 */
export function summarizeRound(
  title: string,
  date: string,
  questions: readonly CheckinQuestion[],
  answers: readonly (readonly string[])[],
  asked: number,
): string {
  const lines = [`**${title} — ${date}**: ${answers.length} of ${asked} answered.`];
  const blockers = roundBlockers(questions, answers);
  if (blockers.length > 0) lines.push('', '**⚠ Blockers**', ...blockers.map((b) => `- **${oneLine(b)}**`));
  questions.forEach((q, i) => {
    const given = answers.map((a) => a[i] ?? '').filter((a) => a.trim() !== '');
    if (given.length === 0) return;
    lines.push('', `**${oneLine(q.text)}**`, ...given.map((a) => `- ${oneLine(a)}`));
  });
  return lines.join('\n');
}
