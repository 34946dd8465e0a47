import fc from 'fast-check';
import { parseRhythm, workingTimeBetween } from '@meanwhile/time';
import { describe, expect, it } from 'vitest';
import { decideOutcome, fairClose } from './decision.domain.js';

const hourMs = 3_600_000;
const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'UTC',
];
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// A person: a zone, working hours on some weekdays (at least one), and a stretch of time off.
const person = fc.record({
  zone: fc.constantFrom(...zones),
  start: fc.integer({ min: 0, max: 20 * 4 }).map((q) => q * 15),
  length: fc.integer({ min: 1, max: 12 * 4 }).map((q) => q * 15),
  workdays: fc.subarray([...days], { minLength: 1 }),
  timeOff: fc.option(
    fc.record({ offsetDays: fc.integer({ min: -3, max: 20 }), days: fc.integer({ min: 1, max: 14 }) }),
  ),
});

describe('fairClose', () => {
  it('gives every required participant at least the window of their own working time, and one exactly that', () => {
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 6 }),
        // Around the 2027 DST changes of both hemispheres.
        fc.integer({ min: Date.UTC(2027, 2, 1), max: Date.UTC(2027, 10, 30) }),
        fc.integer({ min: 1, max: 60 }),
        (team, openedAt, windowHours) => {
          const required = team.map((p, i) => {
            const end = Math.min(p.start + p.length, 24 * 60);
            const hours = [`${hhmm(p.start)}-${end === 24 * 60 ? '24:00' : hhmm(end)}`];
            const week = Object.fromEntries(p.workdays.map((d) => [d, hours]));
            const exceptions = p.timeOff
              ? [
                  {
                    from: isoDate(openedAt + p.timeOff.offsetDays * 86_400_000),
                    to: isoDate(openedAt + (p.timeOff.offsetDays + p.timeOff.days) * 86_400_000),
                    hours: [],
                  },
                ]
              : [];
            return { personId: `p${i}`, present: parseRhythm({ timeZone: p.zone, week, exceptions }) };
          });
          const close = fairClose(required, openedAt, windowHours);
          if ('withoutTime' in close) {
            // Only people whose window does not fit in the 400-day horizon (e.g. 15 minutes a week).
            for (const id of close.withoutTime) {
              const p = required.find((r) => r.personId === id)!;
              expect(workingTimeBetween(p.present, openedAt, openedAt + 400 * 86_400_000)).toBeLessThan(
                windowHours * hourMs,
              );
            }
            return;
          }
          const got = required.map((p) => workingTimeBetween(p.present, openedAt, close.closesAt));
          for (const g of got) expect(g).toBeGreaterThanOrEqual(windowHours * hourMs);
          expect(got.some((g) => g === windowHours * hourMs)).toBe(true);
          const setter = required.find((p) => p.personId === close.setBy)!;
          expect(workingTimeBetween(setter.present, openedAt, close.closesAt)).toBe(windowHours * hourMs);
          for (const p of required) {
            const w = close.windows.get(p.personId)!;
            expect(w.remindAt).toBeLessThan(w.endsAt);
            expect(workingTimeBetween(p.present, openedAt, w.remindAt)).toBe(windowHours * hourMs * 0.75);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names the participants without working time instead of closing', () => {
    const none = parseRhythm({ timeZone: 'UTC', week: {} });
    expect(fairClose([{ personId: 'x', present: none }], Date.UTC(2027, 0, 4), 16)).toEqual({
      withoutTime: ['x'],
    });
  });
});

describe('decideOutcome', () => {
  it('adopts consent unless someone blocks', () => {
    expect(decideOutcome('consent', 0, [{ personId: 'a', kind: 'consent', optionIndex: null }]).outcome).toBe(
      'adopted',
    );
    expect(decideOutcome('consent', 0, []).outcome).toBe('adopted');
    expect(
      decideOutcome('consent', 0, [
        { personId: 'a', kind: 'consent', optionIndex: null },
        { personId: 'b', kind: 'block', optionIndex: null },
      ]).outcome,
    ).toBe('blocked');
  });

  it('chooses the most voted option and reports a tie at the top', () => {
    const vote = (personId: string, optionIndex: number) => ({
      personId,
      kind: 'vote' as const,
      optionIndex,
    });
    expect(decideOutcome('vote', 3, [vote('a', 1), vote('b', 1), vote('c', 2)])).toEqual({
      outcome: 'chosen',
      chosenOption: 1,
    });
    expect(decideOutcome('vote', 3, [vote('a', 0), vote('b', 2)])).toEqual({ outcome: 'tie', tied: [0, 2] });
    expect(decideOutcome('vote', 2, [])).toEqual({ outcome: 'tie', tied: [0, 1] });
  });
});
