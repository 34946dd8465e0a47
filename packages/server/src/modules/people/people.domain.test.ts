import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './people.domain.js';

describe('normalizeEmail', () => {
  it('treats case and Unicode composition as the same address', () => {
    expect(normalizeEmail(' Ana@Example.COM ')).toBe('ana@example.com');
    expect(normalizeEmail('jose\u0301@example.com')).toBe(normalizeEmail('JOSÉ@example.com'));
  });

  it('keeps look-alike letters of other scripts distinct', () => {
    expect(normalizeEmail('\u0430dmin@example.com')).not.toBe(normalizeEmail('admin@example.com'));
  });
});
