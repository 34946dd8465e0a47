/** How many words of a query are used; the rest are ignored. */
export const maxSearchTerms = 8;
/** Marks around a matched word in highlights made by the database (control characters, never markup). */
export const markStart = '\u0001';
export const markEnd = '\u0002';

/**
 * The words of a search query: runs of letters and digits, NFC, lower-cased, without repeats. Everything
 * else (quotes, operators, `NEAR`, `*`, parentheses) separates words, so no user input reaches the
 * database as query syntax; each word is then quoted as a literal by the full-text adapter.
 */
export function parseSearchTerms(query: string): string[] {
  const words =
    query
      .normalize('NFC')
      .toLocaleLowerCase('und')
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, 64)))].slice(0, maxSearchTerms);
}

/** A highlight as plain text and the ranges of it to mark. */
export interface Highlight {
  text: string;
  /** Half-open `[start, end)` UTF-16 offsets into `text` of each matched word. */
  marks: { start: number; end: number }[];
  /** `text` HTML-escaped, with each mark wrapped in `<mark>`: safe to insert as HTML. */
  html: string;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/** Turns a database highlight with {@link markStart}/{@link markEnd} markers into text, ranges and safe HTML. */
export function parseHighlight(marked: string): Highlight {
  let text = '';
  let html = '';
  let start = -1;
  const marks: Highlight['marks'] = [];
  // eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
  for (const part of marked.split(/([\u0001\u0002])/)) {
    if (part === markStart) {
      if (start < 0) start = text.length;
    } else if (part === markEnd) {
      if (start >= 0 && text.length > start) marks.push({ start, end: text.length });
      start = -1;
    } else {
      text += part;
    }
  }
  let at = 0;
  for (const mark of marks) {
    html += `${escapeHtml(text.slice(at, mark.start))}<mark>${escapeHtml(text.slice(mark.start, mark.end))}</mark>`;
    at = mark.end;
  }
  html += escapeHtml(text.slice(at));
  return { text, marks, html };
}
