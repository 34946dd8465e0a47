import { describe, expect, it } from 'vitest';
import { isNestedDeeperThan } from './json-body.js';

describe('isNestedDeeperThan', () => {
  it.each([
    ['[]', 1, false],
    ['[[]]', 1, true],
    ['{"a":{"b":[1]}}', 3, false],
    ['{"a":{"b":[1]}}', 2, true],
    ['"[[[[[["', 1, false],
    ['["\\"[[[["]', 1, false],
    ['["\\\\",[[]]]', 2, true],
  ])('measures %s against a limit of %i', (text, limit, expected) => {
    expect(isNestedDeeperThan(text, limit)).toBe(expected);
  });
});
