// Hand-written cases for each daylight-saving rule and each exception-precedence rule of PRODUCT.md "Time".
// Each case says how its expected instants were worked out from the zone's offsets around the transition.
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  isWorking,
  nextWorkingStart,
  parseRhythm,
  workingIntervals,
  workingTimeBetween,
} from './index.js';
import type { RhythmInput } from './index.js';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

/** Working intervals of the local days around `day` (±2 days), as ISO strings. */
function intervalsAround(input: RhythmInput, day: string): string[][] {
  const t = at(`${day}T00:00:00Z`);
  return workingIntervals(parseRhythm(input), t - 2 * 86_400_000, t + 3 * 86_400_000).map(([s, e]) => [
    iso(s),
    iso(e),
  ]);
}

describe('local times in a daylight-saving gap move forward by the gap', () => {
  it('Berlin spring-forward: 02:30 does not exist and becomes 03:30 CEST', () => {
    // 2026-03-29 02:00 CET (+1) jumps to 03:00 CEST (+2). 02:30 moves forward one hour to 03:30 CEST = 01:30Z;
    // 04:00 CEST = 02:00Z. So "02:30-04:00" holds 30 minutes of working time.
    const sunday = { timeZone: 'Europe/Berlin', week: { sun: ['02:30-04:00'] } };
    expect(intervalsAround(sunday, '2026-03-29')).toEqual([['2026-03-29T01:30:00Z', '2026-03-29T02:00:00Z']]);
  });

  it('an interval ending in the gap ends past it', () => {
    // "01:00-02:30": 01:00 CET = 00:00Z; 02:30 → 03:30 CEST = 01:30Z: 90 minutes.
    const r = parseRhythm({ timeZone: 'Europe/Berlin', week: { sun: ['01:00-02:30'] } });
    expect(workingTimeBetween(r, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(1.5 * HOUR);
  });

  it('an interval that maps to nothing in the gap is empty', () => {
    // "02:30-03:00": 02:30 → 01:30Z but 03:00 CEST = 01:00Z, so the end is before the start: no working time.
    const r = parseRhythm({ timeZone: 'Europe/Berlin', week: { sun: ['02:30-03:00'] } });
    expect(workingTimeBetween(r, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(0);
  });

  it('Lord Howe moves 30 minutes: 02:00 becomes 02:30 (+11)', () => {
    // 2026-10-04 02:00 +10:30 jumps to 02:30 +11. "02:00-03:00": 02:00 → 02:30 +11 = 15:30Z (Oct 3);
    // 03:00 +11 = 16:00Z: 30 minutes.
    const r = { timeZone: 'Australia/Lord_Howe', week: { sun: ['02:00-03:00'] } };
    expect(intervalsAround(r, '2026-10-04')).toEqual([['2026-10-03T15:30:00Z', '2026-10-03T16:00:00Z']]);
  });

  it('Santiago skips midnight, and 24:00 of the day before joins the next morning', () => {
    // 2026-09-06 00:00 -04 jumps to 01:00 -03. Sat "22:00-24:00": 22:00 -04 = 02:00Z; 24:00 = Sun 00:00, in the
    // gap → 01:00 -03 = 04:00Z. Sun "00:00-02:00": 00:00 → 04:00Z, 02:00 -03 = 05:00Z. They touch: one interval.
    const r = { timeZone: 'America/Santiago', week: { sat: ['22:00-24:00'], sun: ['00:00-02:00'] } };
    expect(intervalsAround(r, '2026-09-06')).toEqual([['2026-09-06T02:00:00Z', '2026-09-06T05:00:00Z']]);
  });

  it('Apia skipped 30 December 2011: its hours land on the 31st', () => {
    // Samoa went from -10 to +14 at 2011-12-30 00:00 local: the whole day is a 24-hour gap. An exception giving
    // 2011-12-30 "09:00-17:00" moves forward 24 h to 31 Dec 09:00-17:00 +14 = 30 Dec 19:00Z – 31 Dec 03:00Z.
    const r = {
      timeZone: 'Pacific/Apia',
      week: {},
      exceptions: [{ date: '2011-12-30', hours: ['09:00-17:00'] }],
    };
    expect(intervalsAround(r, '2011-12-30')).toEqual([['2011-12-30T19:00:00Z', '2011-12-31T03:00:00Z']]);
  });
});

describe('ambiguous local times take the earlier occurrence', () => {
  it('Berlin fall-back: 02:30 is read as CEST', () => {
    // 2026-10-25 03:00 CEST (+2) falls back to 02:00 CET (+1). "02:30-03:30": 02:30 earlier = CEST = 00:30Z;
    // 03:30 CET = 02:30Z. Two hours of working time.
    const r = { timeZone: 'Europe/Berlin', week: { sun: ['02:30-03:30'] } };
    expect(intervalsAround(r, '2026-10-25')).toEqual([['2026-10-25T00:30:00Z', '2026-10-25T02:30:00Z']]);
  });

  it('Lord Howe falls back 30 minutes', () => {
    // 2026-04-05 02:00 +11 falls back to 01:30 +10:30. "01:30-02:00": 01:30 earlier = +11 = 14:30Z (Apr 4);
    // 02:00 +10:30 = 15:30Z. One hour.
    const r = { timeZone: 'Australia/Lord_Howe', week: { sun: ['01:30-02:00'] } };
    expect(intervalsAround(r, '2026-04-05')).toEqual([['2026-04-04T14:30:00Z', '2026-04-04T15:30:00Z']]);
  });

  it('Dublin (negative DST in the database) behaves like any zone at the wall clock', () => {
    // Dublin's summer time is "standard" +1 and winter GMT is a negative saving; offsets are +1 / 0 all the
    // same. 2026-10-25 02:00 IST falls back to 01:00 GMT. "01:00-02:00": 01:00 earlier = IST = 00:00Z;
    // 02:00 GMT = 02:00Z. Summer "09:00-17:00" on 1 July = 08:00Z–16:00Z.
    const fall = { timeZone: 'Europe/Dublin', week: { sun: ['01:00-02:00'] } };
    expect(intervalsAround(fall, '2026-10-25')).toEqual([['2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z']]);
    const summer = { timeZone: 'Europe/Dublin', week: { wed: ['09:00-17:00'] } };
    expect(intervalsAround(summer, '2026-07-01')).toEqual([['2026-07-01T08:00:00Z', '2026-07-01T16:00:00Z']]);
  });

  it('Chatham falls back from +13:45 to +12:45', () => {
    // 2026-04-05 03:45 +13:45 falls back to 02:45 +12:45. "03:00-03:30" is ambiguous at both ends; earlier
    // occurrences: 03:00 +13:45 = 13:15Z, 03:30 +13:45 = 13:45Z.
    const r = { timeZone: 'Pacific/Chatham', week: { sun: ['03:00-03:30'] } };
    expect(intervalsAround(r, '2026-04-05')).toEqual([['2026-04-04T13:15:00Z', '2026-04-04T13:45:00Z']]);
  });
});

describe('odd offsets', () => {
  it.each([
    // 09:00 at +5:45 is 03:15Z; at +14 it is 19:00Z the day before; at +13:45 (Chatham summer) 19:15Z the day
    // before; at -3:30 (St John's winter) 12:30Z.
    ['Asia/Kathmandu', '2026-11-30T03:15:00Z'],
    ['Pacific/Kiritimati', '2026-11-29T19:00:00Z'],
    ['Pacific/Chatham', '2026-11-29T19:15:00Z'],
    ['America/St_Johns', '2026-11-30T12:30:00Z'],
  ])('%s: Monday 09:00 starts at %s', (timeZone, expected) => {
    const r = parseRhythm({ timeZone, week: { mon: ['09:00-17:00'] } });
    expect(iso(nextWorkingStart(r, at('2026-11-28T00:00:00Z'))!)).toBe(expected);
  });
});

describe('exception precedence', () => {
  const week = {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  };
  const hoursOn = (input: RhythmInput, day: string): number =>
    workingTimeBetween(parseRhythm(input), at(`${day}T00:00:00Z`), at(`${day}T23:59:59Z`)) / HOUR;

  it('a single-date exception beats a range, whatever the order', () => {
    // Thursday 2026-12-24 in UTC: the date entry comes first in the list, the range later; the date still wins.
    const input = {
      timeZone: 'UTC',
      week,
      exceptions: [
        { date: '2026-12-24', hours: ['10:00-12:00'] },
        { from: '2026-12-21', to: '2026-12-31', hours: [] },
      ],
    };
    expect(hoursOn(input, '2026-12-24')).toBe(2);
    expect(hoursOn(input, '2026-12-23')).toBe(0);
  });

  it('among ranges the later entry wins', () => {
    // August 2026: Mon 10 Aug is in both ranges; the later entry (no hours) wins; Wed 5 Aug only in the first.
    const first = { from: '2026-08-01', to: '2026-08-31', hours: ['10:00-11:00'] };
    const second = { from: '2026-08-10', to: '2026-08-12', hours: [] };
    expect(hoursOn({ timeZone: 'UTC', week, exceptions: [first, second] }, '2026-08-10')).toBe(0);
    expect(hoursOn({ timeZone: 'UTC', week, exceptions: [first, second] }, '2026-08-05')).toBe(1);
    expect(hoursOn({ timeZone: 'UTC', week, exceptions: [second, first] }, '2026-08-10')).toBe(1);
  });

  it('among single dates the later entry wins', () => {
    const exceptions = [
      { date: '2026-12-24', hours: [] },
      { date: '2026-12-24', hours: ['09:00-10:30'] },
    ];
    expect(hoursOn({ timeZone: 'UTC', week, exceptions }, '2026-12-24')).toBe(1.5);
  });

  it('an exception can add hours to a day off, in local dates of the zone', () => {
    // Saturday 2026-11-28 in Tokyo (+9): 10:00–12:00 local = 01:00Z–03:00Z.
    const r = parseRhythm({
      timeZone: 'Asia/Tokyo',
      week,
      exceptions: [{ date: '2026-11-28', hours: ['10:00-12:00'] }],
    });
    expect(
      workingIntervals(r, at('2026-11-27T12:00:00Z'), at('2026-11-29T00:00:00Z')).map((p) => p.map(iso)),
    ).toEqual([['2026-11-28T01:00:00Z', '2026-11-28T03:00:00Z']]);
  });
});

describe('arithmetic edges', () => {
  const nineToFive = parseRhythm({
    timeZone: 'Europe/Berlin',
    week: {
      mon: ['09:00-17:00'],
      tue: ['09:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-17:00'],
    },
  });

  it('adding exactly the rest of a day ends at the end of the day, not the next morning', () => {
    // Fri 27 Nov 2026 16:00 CET = 15:00Z; one hour is left that day, so +1 h = 17:00 CET = 16:00Z.
    expect(iso(addWorkingTime(nineToFive, at('2026-11-27T15:00:00Z'), HOUR)!)).toBe('2026-11-27T16:00:00Z');
    // +4 h: 1 h on Friday, 3 h on Monday from 09:00 → Mon 12:00 CET = 11:00Z.
    expect(iso(addWorkingTime(nineToFive, at('2026-11-27T15:00:00Z'), 4 * HOUR)!)).toBe(
      '2026-11-30T11:00:00Z',
    );
  });

  it('adding zero returns the instant itself, even outside working hours', () => {
    const sunday = at('2026-11-29T03:00:00Z');
    expect(addWorkingTime(nineToFive, sunday, 0)).toBe(sunday);
  });

  it('refuses negative and non-finite durations', () => {
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingTime(nineToFive, at('2026-11-27T15:00:00Z'), ms)).toThrow(RangeError);
    }
  });

  it('answers null when nothing is reached within 400 days', () => {
    const never = parseRhythm({ timeZone: 'UTC', week: {} });
    expect(nextWorkingStart(never, at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(addWorkingTime(never, at('2026-01-01T00:00:00Z'), 1)).toBeNull();
    // One working day 401 days later is out of reach; 399 days later is found.
    const late = { timeZone: 'UTC', week: {}, exceptions: [{ date: '2027-02-06', hours: ['09:00-10:00'] }] };
    expect(nextWorkingStart(parseRhythm(late), at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(nextWorkingStart(parseRhythm(late), at('2026-01-04T00:00:00Z'))).toBe(at('2027-02-06T09:00:00Z'));
  });

  it('half-open intervals: the start is working, the end is not', () => {
    expect(isWorking(nineToFive, at('2026-11-30T08:00:00Z'))).toBe(true);
    expect(isWorking(nineToFive, at('2026-11-30T16:00:00Z'))).toBe(false);
    expect(isWorking(nineToFive, at('2026-11-30T15:59:59.999Z'))).toBe(true);
  });

  it('intervals of adjacent days that touch form one interval', () => {
    const night = parseRhythm({ timeZone: 'UTC', week: { mon: ['22:00-24:00'], tue: ['00:00-02:00'] } });
    expect(
      workingIntervals(night, at('2026-11-30T00:00:00Z'), at('2026-12-02T00:00:00Z')).map((p) => p.map(iso)),
    ).toEqual([['2026-11-30T22:00:00Z', '2026-12-01T02:00:00Z']]);
    expect(nextWorkingStart(night, at('2026-12-01T00:00:00Z'))).toBe(at('2026-12-01T00:00:00Z'));
  });
});
