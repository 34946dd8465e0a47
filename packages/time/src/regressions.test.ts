// Bugs the property tests found, each with the case that failed before its fix and how the expected value was
// worked out by hand.
import { describe, expect, it } from 'vitest';
import { parseRhythm, subtractBlocks, workingIntervals, workingTimeBetween } from './index.js';

const at = (iso: string): number => Date.parse(iso);

describe('subtracting blocks', () => {
  it('never adds working time when a block and the hours meet in a daylight-saving gap', () => {
    // Berlin, Sunday 2026-03-29: 02:00 CET (+1) jumps to 03:00 CEST (+2).
    // Hours "02:30-04:00": 02:30 is in the gap and moves forward to 03:30 CEST = 01:30Z; 04:00 CEST = 02:00Z.
    // Block "01:00-03:00": 01:00 CET = 00:00Z; 03:00 CEST = 01:00Z. The block ends before the hours start, so
    // 30 minutes remain, [01:30Z, 02:00Z). Subtracting in local time first gave "03:00-04:00", 60 minutes.
    const rhythm = parseRhythm({ timeZone: 'Europe/Berlin', week: { sun: ['02:30-04:00'] } });
    const focused = subtractBlocks(rhythm, { week: { sun: ['01:00-03:00'] } });
    const from = at('2026-03-28T00:00:00Z');
    const to = at('2026-03-30T00:00:00Z');
    expect(workingIntervals(focused, from, to)).toEqual([
      [at('2026-03-29T01:30:00Z'), at('2026-03-29T02:00:00Z')],
    ]);
    expect(workingTimeBetween(focused, from, to)).toBe(workingTimeBetween(rhythm, from, to));
  });
});
