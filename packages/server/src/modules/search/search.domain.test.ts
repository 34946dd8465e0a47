import { describe, expect, it } from 'vitest';
import { parseHighlight, parseSearchTerms } from './search.domain.js';

describe('parseSearchTerms', () => {
  it('keeps words only, lower-cased, NFC, without repeats', () => {
    expect(parseSearchTerms('Zebra "NEAR(" zebra* Cafe\u0301 -x')).toEqual(['zebra', 'near', 'café', 'x']);
    expect(parseSearchTerms('"*()')).toEqual([]);
  });
});

describe('parseHighlight', () => {
  it('turns markers into ranges and escaped HTML', () => {
    expect(parseHighlight('a \u0001<b>\u0002 & c')).toEqual({
      text: 'a <b> & c',
      marks: [{ start: 2, end: 5 }],
      html: 'a <mark>&lt;b&gt;</mark> &amp; c',
    });
  });
});
