import { describe, expect, it } from 'vitest';
import { toIsoTime } from './iso-time.js';

describe('toIsoTime', () => {
  it('writes what Date#toISOString writes', () => {
    const edges = [0, -1, 1, 951_782_400_000, 4_107_542_399_999, -62_167_219_200_000, 253_402_300_799_999];
    for (const ms of edges) expect(toIsoTime(ms)).toBe(new Date(ms).toISOString());
    let seed = 42;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      const ms = Math.floor((seed / 2_147_483_648) * 2 * 253_402_300_799_999) - 253_402_300_799_999;
      expect(toIsoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('falls back to Date outside years 0000–9999 and for fractions', () => {
    for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 1.5]) {
      expect(toIsoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
