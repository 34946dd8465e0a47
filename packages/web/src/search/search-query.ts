// The search screen's state lives in the address (`/search?q=…&channel=…&author=…&from=…&to=…`), so a
// search can be linked, reloaded and gone back to. Dates are whole days in the viewer's zone.
import type { paths } from '@meanwhile/api-client';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** One search hit, as `GET /api/v1/search` answers. */
export type SearchHit = Json<paths['/api/v1/search']['get']['responses'][200]>['items'][number];

/** What the person asked for: the words and the filters (empty strings for "any"). */
export interface SearchForm {
  q: string;
  channel: string;
  author: string;
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string;
}

const fields = ['q', 'channel', 'author', 'from', 'to'] as const;

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The form as the address has it (`location.search`). */
export function readSearchForm(search: string): SearchForm {
  const params = new URLSearchParams(search);
  const form = { q: '', channel: '', author: '', from: '', to: '' };
  for (const field of fields) form[field] = params.get(field) ?? '';
  if (!isDay(form.from)) form.from = '';
  if (!isDay(form.to)) form.to = '';
  return form;
}

/** The address of a search: `/search?q=…`, leaving out empty fields. */
export function searchPath(form: SearchForm): string {
  const params = new URLSearchParams();
  for (const field of fields) {
    const value = field === 'q' ? form.q.trim() : form[field];
    if (value) params.set(field, value);
  }
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

/** Midnight at the start of `day` (`YYYY-MM-DD`) in the viewer's zone, plus `addDays`, as an ISO instant. */
function startOfLocalDay(day: string, addDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + addDays).toISOString();
}

/** The query of `GET /api/v1/search` for a form: the date range as instants, the last day included. */
export function searchQuery(form: SearchForm): {
  q: string;
  channelId?: string;
  authorId?: string;
  from?: string;
  to?: string;
} {
  return {
    q: form.q.trim(),
    ...(form.channel ? { channelId: form.channel } : {}),
    ...(form.author ? { authorId: form.author } : {}),
    ...(form.from ? { from: startOfLocalDay(form.from) } : {}),
    ...(form.to ? { to: startOfLocalDay(form.to, 1) } : {}),
  };
}

/** A piece of a highlight: plain text, or a matched word. */
export interface HighlightPart {
  text: string;
  marked: boolean;
}

/**
 * Splits a highlight's text at its marks (UTF-16 ranges from the server), so that it renders as text
 * nodes and `<mark>` elements: no HTML from the server is ever inserted. Ranges out of order, overlapping
 * or out of bounds are clamped or skipped.
 */
export function highlightParts(highlight: SearchHit['highlight']): HighlightPart[] {
  const { text } = highlight;
  const parts: HighlightPart[] = [];
  let at = 0;
  const marks = [...highlight.marks].sort((a, b) => a.start - b.start);
  for (const mark of marks) {
    const start = Math.max(at, Math.min(mark.start, text.length));
    const end = Math.max(start, Math.min(mark.end, text.length));
    if (end === start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
