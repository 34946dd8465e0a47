import { describe, expect, it } from 'vitest';
import { packPersonIds } from './background.js';

describe('the events signal payloads', () => {
  it('carries a batch of recipients in one payload, split only where PostgreSQL would refuse it', () => {
    expect(packPersonIds([])).toEqual([]);
    expect(packPersonIds(['a'])).toEqual(['a']);
    expect(packPersonIds(['a', 'b', 'c'])).toEqual(['a b c']);
    // 36-character ids (UUIDs): 189 fit in 7,000 bytes with their separators.
    const ids = Array.from(
      { length: 500 },
      (_, i) => `0190a0b0-0000-7000-8000-${String(i).padStart(12, '0')}`,
    );
    const payloads = packPersonIds(ids);
    expect(payloads.map((p) => p.split(' ').length)).toEqual([189, 189, 122]);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => p.split(' '))).toEqual(ids);
  });
});
