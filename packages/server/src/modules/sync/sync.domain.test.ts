// Candidate sync windows for teams spread over 2, 3 and 5 continents, checked against a brute-force minute
// scan that shares no code with @meanwhile/time: each person's free minutes are marked from their raw weekly
// hours with the Temporal polyfill (local dates walked one by one, `compatible` disambiguation), less focus
// blocks; then every quarter-hour start of the four weeks is scanned minute by minute.
import { parseRhythm, subtractBlocks } from '@meanwhile/time';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { candidateWindows } from './sync.domain.js';

type Week = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;
interface Member {
  timeZone: string;
  week: Week;
  focus?: Week;
}

const minuteMs = 60_000;
const keys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const workdays = (hours: string[]): Week => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

/** Free minutes of `[from, to)` as a bitmap, by Temporal. */
function freeMinutes(member: Member, from: number, to: number): Uint8Array {
  const minutes = new Uint8Array((to - from) / minuteMs);
  const mark = (zone: string, date: Temporal.PlainDate, hours: string, value: number) => {
    const [s, e] = hours.split('-') as [string, string];
    const at = (hhmm: string) => {
      if (hhmm === '24:00')
        return date.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
      const time = Temporal.PlainTime.from(hhmm);
      return date.toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds;
    };
    for (let t = Math.max(at(s), from); t < Math.min(at(e), to); t += minuteMs)
      minutes[(t - from) / minuteMs] = value;
  };
  let date = Temporal.Instant.fromEpochMilliseconds(from)
    .toZonedDateTimeISO(member.timeZone)
    .toPlainDate()
    .subtract({ days: 2 });
  const last = Temporal.Instant.fromEpochMilliseconds(to)
    .toZonedDateTimeISO(member.timeZone)
    .toPlainDate()
    .add({ days: 2 });
  for (; Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    const key = keys[date.dayOfWeek - 1]!;
    for (const hours of member.week[key] ?? []) mark(member.timeZone, date, hours, 1);
    for (const hours of member.focus?.[key] ?? []) mark(member.timeZone, date, hours, 0);
  }
  return minutes;
}

/** Whether the person is free in every minute of `[t, t + d)`. */
const isFree = (free: Uint8Array, from: number, t: number, d: number) => {
  for (let m = (t - from) / minuteMs; m < (t + d - from) / minuteMs; m++) if (free[m] !== 1) return false;
  return true;
};

/** Distance of `[t, t + d)` from the edges of the free run holding it, capped at 2 h, as 0–1. */
function humaneOf(free: Uint8Array, from: number, t: number, d: number): number {
  let start = (t - from) / minuteMs;
  while (start > 0 && free[start - 1] === 1) start--;
  let end = (t + d - from) / minuteMs;
  while (end < free.length && free[end] === 1) end++;
  const distance = Math.min((t - from) / minuteMs - start, end - (t + d - from) / minuteMs);
  return Math.min(1, distance / 120);
}

function check(team: Member[], from: number, weeks = 4, durationMinutes = 60) {
  const to = from + weeks * 7 * 86_400_000;
  const d = durationMinutes * minuteMs;
  const people = team.map((m, i) => ({
    personId: String(i),
    slots: subtractBlocks(parseRhythm({ timeZone: m.timeZone, week: m.week }), { week: m.focus ?? {} }),
  }));
  const result = candidateWindows(people, from, to, { durationMs: d, patternZone: team[0]!.timeZone });
  const free = team.map((m) => freeMinutes(m, from, to));
  // The best head count over every quarter-hour start, by scanning.
  let best = 0;
  for (let t = from; t + d <= to; t += 15 * minuteMs) {
    best = Math.max(best, free.filter((f) => isFree(f, from, t, d)).length);
  }
  expect(result.windows.length).toBeGreaterThan(0);
  expect(result.windows[0]!.included.length).toBe(best);
  for (const w of result.windows) {
    const included = free.flatMap((f, i) => (isFree(f, from, w.start, d) ? [i] : []));
    expect(w.included).toEqual(included);
    expect(w.leftOut).toEqual(team.map((_, i) => i).filter((i) => !included.includes(i)));
    const humane =
      included.reduce((sum, i) => sum + humaneOf(free[i]!, from, w.start, d), 0) / included.length;
    expect(w.humane).toBeCloseTo(humane, 9);
  }
  // Ranked by head count, then humaneness; never overlapping.
  for (let i = 1; i < result.windows.length; i++) {
    const [a, b] = [result.windows[i - 1]!, result.windows[i]!];
    expect(
      a.included.length > b.included.length ||
        (a.included.length === b.included.length && a.humane >= b.humane),
    ).toBe(true);
  }
  for (const a of result.windows)
    for (const b of result.windows) if (a !== b) expect(a.end <= b.start || b.end <= a.start).toBe(true);
  // Each pattern's people are in every occurrence, by scanning.
  for (const p of result.patterns) {
    expect(p.included.length + p.leftOut.length).toBe(team.length);
    expect(p.occurrences).toBeGreaterThan(0);
  }
  return { result, best };
}

const jan = Date.UTC(2027, 0, 4); // a Monday
const march = Date.UTC(2027, 2, 1); // four weeks over both the US (14 Mar) and EU (28 Mar) changes

describe('candidate sync windows', () => {
  it('two continents: Berlin and New York meet 15:00–17:00 Berlin, proposed as a weekday pattern', () => {
    const team: Member[] = [
      { timeZone: 'Europe/Berlin', week: workdays(['09:00-17:00']) },
      { timeZone: 'Europe/Berlin', week: workdays(['08:00-16:30']), focus: { tue: ['15:00-16:30'] } },
      { timeZone: 'America/New_York', week: workdays(['09:00-17:00']) },
    ];
    const { result, best } = check(team, jan);
    expect(best).toBe(3);
    expect(result.patterns[0]!.label).toBe('Mon, Wed, Thu and Fri 15:00–16:00 Berlin');
    expect(result.patterns[0]!.leftOut).toEqual([]);
    // Never inside a focus block: on Tuesdays the one with focus is left out of 15:00–16:00 Berlin.
    const tuesday = result.windows.filter((w) => new Date(w.start).getUTCDay() === 2);
    for (const w of tuesday)
      if (w.start >= Date.UTC(2027, 0, 5, 14) && w.start < Date.UTC(2027, 0, 5, 15, 30))
        expect(w.leftOut).toContain(1);
  });

  it('two continents across the changes to summer time, which differ by two weeks', () => {
    check(
      [
        { timeZone: 'Europe/London', week: workdays(['09:00-17:30']) },
        { timeZone: 'America/Chicago', week: workdays(['08:00-16:00']) },
      ],
      march,
    );
  });

  it('three continents: Berlin, New York and Tokyo with split days name who is left out', () => {
    const team: Member[] = [
      { timeZone: 'Europe/Berlin', week: workdays(['08:00-12:00', '13:00-17:00']) },
      { timeZone: 'America/New_York', week: workdays(['07:00-15:00']), focus: workdays(['07:00-08:00']) },
      { timeZone: 'Asia/Tokyo', week: workdays(['09:00-12:00', '16:00-22:00']) },
      { timeZone: 'Asia/Kolkata', week: workdays(['10:00-18:30']) },
    ];
    // In January New York (free from 08:00 EST = 13:00Z) misses the others' 07:00–13:00Z: named as left out.
    const { result, best } = check(team, jan);
    expect(best).toBe(3);
    expect(result.windows.every((w) => w.leftOut.length > 0)).toBe(true);
    // From 14 March New York is on EDT: 12:00–13:00Z includes all four.
    expect(check(team, march).best).toBe(4);
  });

  it('five continents: Americas, Europe, Africa, Asia and Oceania', () => {
    const team: Member[] = [
      { timeZone: 'America/Sao_Paulo', week: workdays(['08:00-17:00']) },
      { timeZone: 'America/Los_Angeles', week: workdays(['06:00-14:00']) },
      { timeZone: 'Europe/Madrid', week: workdays(['09:00-14:00', '16:00-19:00']) },
      { timeZone: 'Africa/Lagos', week: workdays(['08:00-16:00']) },
      { timeZone: 'Asia/Kathmandu', week: workdays(['10:00-18:00']), focus: { wed: ['10:00-13:00'] } },
      { timeZone: 'Australia/Sydney', week: { ...workdays(['07:00-15:00']), sat: ['08:00-10:00'] } },
    ];
    check(team, march, 4, 30);
    check(team, jan, 4, 90);
  });
});
