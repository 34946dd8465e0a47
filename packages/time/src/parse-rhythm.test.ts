import { describe, expect, it } from 'vitest';
import { RhythmError, parseBlocks, parseRhythm } from './index.js';

const week = { mon: ['09:00-12:30', '13:30-17:00'] };

/** The RhythmError thrown for an input, as `{ path, message }`. */
function errorOf(input: unknown): { path: string; message: string } {
  try {
    parseRhythm(input);
  } catch (error) {
    if (error instanceof RhythmError) return { path: error.path, message: error.message };
    throw error;
  }
  throw new Error('expected a RhythmError');
}

describe('parseRhythm accepts the JSON form', () => {
  it('reads the example of the issue, with a missing weekday as no hours and exceptions optional', () => {
    const r = parseRhythm({ timeZone: 'Europe/Berlin', week });
    expect(r.timeZone).toBe('Europe/Berlin');
    expect(r.toJSON().week.mon).toEqual(['09:00-12:30', '13:30-17:00']);
    expect(r.toJSON().week.tue).toEqual([]);
  });

  it('allows 24:00 as an end and joins touching intervals', () => {
    const r = parseRhythm({ timeZone: 'UTC', week: { fri: ['20:00-22:00', '22:00-24:00'] } });
    expect(r.toJSON().week.fri).toEqual(['20:00-24:00']);
  });

  it('keeps exceptions in order, normalised', () => {
    const exceptions = [
      { date: '2026-12-24', hours: [] },
      { from: '2026-08-03', to: '2026-08-14', hours: [] },
    ];
    expect(parseRhythm({ timeZone: 'UTC', week, exceptions }).toJSON().exceptions).toEqual(exceptions);
  });
});

describe('parseRhythm rejects invalid input with the path and the reason', () => {
  it.each([
    // [input, path, message fragment]
    [{ timeZone: 'Mars/Olympus', week }, 'timeZone', 'unknown time zone'],
    [{ timeZone: '../etc/passwd', week }, 'timeZone', 'unknown time zone'],
    [{ timeZone: 'Etc/GMT+99', week }, 'timeZone', 'unknown time zone'],
    [{ timeZone: 'UTC\u0000', week }, 'timeZone', 'unknown time zone'],
    [{ timeZone: '', week }, 'timeZone', 'unknown time zone'],
    [{ timeZone: 'x'.repeat(10_000), week }, 'timeZone', 'unknown time zone'],
    [{ timeZone: 42, week }, 'timeZone', 'expected a string'],
    [{ week }, 'timeZone', 'missing'],
    [{ timeZone: 'UTC' }, 'week', 'missing'],
    [{ timeZone: 'UTC', week: { tue: ['09:00-12:00', '7:5-09:00'] } }, 'week.tue[1]', 'not a time range'],
    [{ timeZone: 'UTC', week: { tue: ['9:00-12:00'] } }, 'week.tue[0]', 'not a time range'],
    [{ timeZone: 'UTC', week: { tue: ['09:00-24:01'] } }, 'week.tue[0]', 'past the end of the day'],
    [{ timeZone: 'UTC', week: { tue: ['25:00-26:00'] } }, 'week.tue[0]', 'hour 25 is out of range'],
    [{ timeZone: 'UTC', week: { tue: ['09:60-10:00'] } }, 'week.tue[0]', 'minute 60 is out of range'],
    [{ timeZone: 'UTC', week: { tue: ['24:00-24:00'] } }, 'week.tue[0]', '24:00 may only end'],
    [{ timeZone: 'UTC', week: { tue: ['23:59:60-24:00'] } }, 'week.tue[0]', 'not a time range'],
    [{ timeZone: 'UTC', week: { tue: ['-01:00-02:00'] } }, 'week.tue[0]', 'not a time range'],
    [{ timeZone: 'UTC', week: { tue: ['12:00-09:00'] } }, 'week.tue[0]', 'end must be after the start'],
    [{ timeZone: 'UTC', week: { tue: ['09:00-09:00'] } }, 'week.tue[0]', 'end must be after the start'],
    [{ timeZone: 'UTC', week: { tue: ['13:00-14:00', '09:00-10:00'] } }, 'week.tue[1]', 'must be sorted'],
    [{ timeZone: 'UTC', week: { tue: ['09:00-12:00', '11:00-14:00'] } }, 'week.tue[1]', 'must not overlap'],
    [{ timeZone: 'UTC', week: { tue: '09:00-12:00' } }, 'week.tue', 'expected an array'],
    [{ timeZone: 'UTC', week: { tue: [900] } }, 'week.tue[0]', 'expected a time range'],
    [{ timeZone: 'UTC', week: ['09:00-17:00'] }, 'week', 'expected an object'],
    [{ timeZone: 'UTC', week: { tuesday: [] } }, 'week.tuesday', 'unknown key'],
    [{ timeZone: 'UTC', week, extra: 1 }, 'extra', 'unknown key'],
    [JSON.parse('{"timeZone":"UTC","week":{},"__proto__":{"x":1}}'), '__proto__', 'unknown key'],
    [null, '', 'expected an object'],
    [[], '', 'expected an object'],
    [{ timeZone: 'UTC', week, exceptions: {} }, 'exceptions', 'expected an array'],
    [
      { timeZone: 'UTC', week, exceptions: [{ date: '2027-02-29', hours: [] }] },
      'exceptions[0].date',
      'has no day 29',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ date: '2026-13-01', hours: [] }] },
      'exceptions[0].date',
      'month 13',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ date: '0000-01-01', hours: [] }] },
      'exceptions[0].date',
      'year 0000',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ date: '2026-1-1', hours: [] }] },
      'exceptions[0].date',
      'not a date',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ date: 20261224, hours: [] }] },
      'exceptions[0].date',
      'expected a date',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ from: '2026-08-14', to: '2026-08-03', hours: [] }] },
      'exceptions[0].to',
      'before "from"',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ from: '2026-08-14', hours: [] }] },
      'exceptions[0].to',
      'missing',
    ],
    [{ timeZone: 'UTC', week, exceptions: [{ date: '2026-08-14' }] }, 'exceptions[0].hours', 'missing'],
    [
      {
        timeZone: 'UTC',
        week,
        exceptions: [{ date: '2026-08-14', from: '2026-08-14', to: '2026-08-15', hours: [] }],
      },
      'exceptions[0]',
      'either "date" or "from"',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ date: '2026-08-14', hours: [], note: 'x' }] },
      'exceptions[0].note',
      'unknown key',
    ],
    [
      { timeZone: 'UTC', week, exceptions: [{ date: '2026-08-14', hours: ['10:00-09:00'] }] },
      'exceptions[0].hours[0]',
      'after the start',
    ],
  ])('%j → %s', (input, path, message) => {
    const error = errorOf(input);
    expect(error.path).toBe(path);
    expect(error.message).toContain(message);
  });

  it('refuses more than 48 intervals a day', () => {
    const hours = Array.from({ length: 49 }, (_, i) => {
      const m = i * 20;
      const f = (x: number) =>
        `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
      return `${f(m)}-${f(m + 10)}`;
    });
    expect(errorOf({ timeZone: 'UTC', week: { mon: hours } })).toEqual({
      path: 'week.mon',
      message: 'at most 48 intervals a day allowed, got 49',
    });
    expect(() => parseRhythm({ timeZone: 'UTC', week: { mon: hours.slice(0, 48) } })).not.toThrow();
  });

  it('refuses more than 1,000 exceptions', () => {
    const exceptions = Array.from({ length: 1001 }, () => ({ date: '2026-12-24', hours: [] }));
    expect(errorOf({ timeZone: 'UTC', week, exceptions })).toEqual({
      path: 'exceptions',
      message: 'at most 1000 exceptions allowed, got 1001',
    });
    expect(() => parseRhythm({ timeZone: 'UTC', week, exceptions: exceptions.slice(0, 1000) })).not.toThrow();
  });
});

describe('parseBlocks', () => {
  it('reads focus blocks, whole days off and instants', () => {
    const blocks = parseBlocks({
      week: { mon: ['09:00-11:00'] },
      dates: [{ from: '2026-08-03', to: '2026-08-14' }],
      instants: [[0, 1000]],
    });
    expect(blocks.input.dates).toEqual([{ from: '2026-08-03', to: '2026-08-14' }]);
    expect(blocks.instants).toEqual([0, 1000]);
  });

  it.each([
    [{ week: { mon: ['11:00-09:00'] } }, 'week.mon[0]'],
    [{ dates: [{ from: '2026-08-14', to: '2026-08-03' }] }, 'dates[0].to'],
    [{ instants: [[5, 5]] }, 'instants[0]'],
    [{ instants: [[0, Number.NaN]] }, 'instants[0]'],
    [{ instants: [[0, 1, 2]] }, 'instants[0]'],
    [{ focus: [] }, 'focus'],
  ])('rejects %j at %s', (input, path) => {
    expect(() => parseBlocks(input)).toThrow(expect.objectContaining({ name: 'RhythmError', path }));
  });
});
