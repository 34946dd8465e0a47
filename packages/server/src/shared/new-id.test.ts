import { describe, expect, it } from 'vitest';
import { newId } from './new-id.js';

describe('newId', () => {
  it('makes UUID version 7 strings that carry the creation time', () => {
    const now = Date.UTC(2026, 10, 26, 18, 0, 0);
    const id = newId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts ids of later milliseconds after earlier ones', () => {
    expect(newId(1_000) < newId(1_001)).toBe(true);
    expect(newId(255) < newId(256)).toBe(true);
  });

  it('never repeats', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(5)));
    expect(ids.size).toBe(10_000);
  });

  it('sorts ids made in the same millisecond in the order they were made, past 4,096 of them', () => {
    const ids = Array.from({ length: 10_000 }, () => newId(Date.UTC(2030, 0, 1)));
    expect([...ids].sort()).toEqual(ids);
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2030, 0, 1));
  });
});
