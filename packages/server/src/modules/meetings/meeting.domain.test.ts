// The notice and sync-time rules as pure functions, with explicit instants (STYLE.md §7).
import { parseRhythm } from '@meanwhile/time';
import { describe, expect, it } from 'vitest';
import { checkNotice, isInsideSyncTime, isLateChange } from './meeting.domain.js';

const workdays = (hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const berlin = parseRhythm({ timeZone: 'Europe/Berlin', week: workdays(['09:00-17:00']) });
const nobody = parseRhythm({ timeZone: 'UTC', week: {} });
const utc = (iso: string) => Date.parse(iso);

describe('checkNotice', () => {
  it("counts each invitee's working hours across the change to summer time (Berlin, 2027-03-28)", () => {
    // Fri 26 March 09:00 CET (08:00Z) + 16 h: Fri 8 h, Mon 29 March 8 h → Mon 17:00 CEST = 15:00Z.
    const check = checkNotice([{ personId: 'a', present: berlin }], utc('2027-03-26T08:00:00Z'), 0, 16);
    expect(check.earliestStart).toBe(utc('2027-03-29T15:00:00Z'));
    expect(check.isSatisfied).toBe(false);
    const onTime = checkNotice(
      [{ personId: 'a', present: berlin }],
      utc('2027-03-26T08:00:00Z'),
      utc('2027-03-29T15:00:00Z'),
      16,
    );
    expect(onTime.isSatisfied).toBe(true);
  });

  it('has no earliest start when an invitee has no working time', () => {
    const check = checkNotice(
      [
        { personId: 'a', present: berlin },
        { personId: 'b', present: nobody },
      ],
      utc('2027-03-26T08:00:00Z'),
      utc('2030-01-01T00:00:00Z'),
      16,
    );
    expect(check).toMatchObject({ earliestStart: null, isSatisfied: false });
    expect(check.invitees[1]).toEqual({ personId: 'b', earliestStart: null });
  });

  it('calls a change late when the current start no longer gives the notice', () => {
    const start = utc('2027-03-29T15:00:00Z');
    expect(isLateChange([{ personId: 'a', present: berlin }], utc('2027-03-26T08:00:00Z'), start, 16)).toBe(
      false,
    );
    expect(isLateChange([{ personId: 'a', present: berlin }], utc('2027-03-26T08:01:00Z'), start, 16)).toBe(
      true,
    );
  });
});

describe('isInsideSyncTime', () => {
  const tuesday = [{ timeZone: 'Europe/Berlin', day: 'tue' as const, hours: '15:00-16:00' }];
  it.each([
    ['inside, in winter', '2027-03-23T14:00:00Z', 60, true],
    ['inside, in summer time', '2027-03-30T13:00:00Z', 60, true],
    ['one minute over', '2027-03-30T13:01:00Z', 60, false],
    ['on another day', '2027-03-31T13:00:00Z', 60, false],
  ])('%s', (_name, start, minutes, expected) => {
    expect(isInsideSyncTime(tuesday, [], utc(start), utc(start) + minutes * 60_000)).toBe(expected);
  });

  it('counts a sync day as a window all day, and a no-meeting day against any window', () => {
    const days = [{ timeZone: 'America/New_York', day: 'wed' as const, kind: 'sync' as const }];
    expect(isInsideSyncTime([], days, utc('2027-03-31T20:00:00Z'), utc('2027-03-31T21:00:00Z'))).toBe(true);
    const noMeetings = [{ timeZone: 'Europe/Berlin', day: 'tue' as const, kind: 'no-meeting' as const }];
    expect(
      isInsideSyncTime(tuesday, noMeetings, utc('2027-03-30T13:00:00Z'), utc('2027-03-30T14:00:00Z')),
    ).toBe(false);
  });
});
