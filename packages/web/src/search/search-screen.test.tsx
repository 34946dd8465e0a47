// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes, SentRequest } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { highlightParts, searchQuery } from './search-query';

afterEach(() => {
  cleanup();
  delete (globalThis as { __xss?: unknown }).__xss;
});

const channels = [
  {
    id: 'c-1',
    name: 'design',
    description: '',
    visibility: 'public',
    createdBy: 'p-owner',
    createdAt: '2026-11-01T00:00:00Z',
    archivedAt: null,
    isMember: true,
  },
  {
    id: 'c-2',
    name: 'launch',
    description: '',
    visibility: 'public',
    createdBy: 'p-owner',
    createdAt: '2026-11-01T00:00:00Z',
    archivedAt: null,
    isMember: true,
  },
];
const people = [
  { id: 'p-owner', displayName: 'Ada Owner', role: 'owner', timeZone: 'Europe/Berlin' },
  { id: 'p-sam', displayName: 'Sam <b>Rivera</b>', role: 'member', timeZone: 'America/Los_Angeles' },
];

const evil = '<img src=x onerror="globalThis.__xss=1">';
const hostileText = `zebra ${evil} & more zebra`;
const hit = (id: string, kind: 'post' | 'thread', title: string, text: string) => ({
  kind,
  id,
  threadId: 't-1',
  channelId: 'c-2',
  authorId: 'p-sam',
  title,
  createdAt: '2026-11-20T10:00:00Z',
  highlight: {
    text,
    marks: [...text.matchAll(/zebra/g)].map((m) => ({ start: m.index, end: m.index + 5 })),
    // What the server would send: here deliberately unsafe, to prove the screen never injects it.
    html: text.replace(/zebra/g, '<mark>zebra</mark>'),
  },
});

function routes(search: (request: SentRequest) => unknown): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: channels, nextCursor: null } }),
    'GET /api/v1/people': () => ({ status: 200, body: { items: people, nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/events*': () => ({ status: 404 }),
    'GET /api/v1/search': (request) => ({ status: 200, body: search(request) }),
  };
}

const searches = (requests: SentRequest[]) =>
  requests.filter((r) => r.path === '/api/v1/search').map((r) => new URLSearchParams(r.search));

describe('the search screen', () => {
  it('sends the words and every filter, the date range as instants with the last day included', async () => {
    const { requests } = renderApp(
      '/search',
      routes(() => ({ items: [], nextCursor: null })),
    );
    const words = await screen.findByLabelText('Words to find', {}, { timeout: 5000 });
    await waitFor(() => expect(document.activeElement).toBe(words));
    await screen.findByRole('option', { name: '#launch' });
    await screen.findByRole('option', { name: 'Sam <b>Rivera</b>' });
    fireEvent.change(words, { target: { value: '  zebra stripes ' } });
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'c-2' } });
    fireEvent.change(screen.getByLabelText('Author'), { target: { value: 'p-sam' } });
    fireEvent.change(screen.getByLabelText('Written from'), { target: { value: '2026-11-02' } });
    fireEvent.change(screen.getByLabelText('Until (inclusive)'), { target: { value: '2026-11-05' } });
    expect(searches(requests)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    await screen.findByText('Nothing matches. Try fewer words or wider filters.');
    const [sent] = searches(requests);
    expect(sent?.get('q')).toBe('zebra stripes');
    expect(sent?.get('channelId')).toBe('c-2');
    expect(sent?.get('authorId')).toBe('p-sam');
    expect(sent?.get('from')).toBe(new Date(2026, 10, 2).toISOString());
    expect(sent?.get('to')).toBe(new Date(2026, 10, 6).toISOString());
    expect(globalThis.location.search).toBe(
      '?q=zebra+stripes&channel=c-2&author=p-sam&from=2026-11-02&to=2026-11-05',
    );
  });

  it('refuses a range that ends before it starts', async () => {
    const { requests } = renderApp(
      '/search?q=zebra',
      routes(() => ({ items: [], nextCursor: null })),
    );
    fireEvent.change(await screen.findByLabelText('Written from', {}, { timeout: 5000 }), {
      target: { value: '2026-11-05' },
    });
    fireEvent.change(screen.getByLabelText('Until (inclusive)'), { target: { value: '2026-11-02' } });
    expect((await screen.findByRole('alert')).textContent).toBe('The last day is before the first.');
    expect(screen.getByRole('button', { name: 'Search' })).toHaveProperty('disabled', true);
    await waitFor(() => expect(searches(requests)).toHaveLength(1));
  });

  it('renders highlights as text with <mark>s, never the server’s HTML, and links each hit', async () => {
    renderApp(
      '/search?q=zebra',
      routes(() => ({
        items: [
          hit('t-1', 'thread', `Plan ${evil}`, hostileText),
          hit('post-9', 'post', 'Plan', hostileText),
        ],
        nextCursor: null,
      })),
    );
    const list = await screen.findByRole('list', { name: 'Results' }, { timeout: 5000 });
    const results = within(list).getAllByRole('article');
    expect(results).toHaveLength(2);
    const [thread, post] = results as [HTMLElement, HTMLElement];
    expect(within(thread).getByRole('link').textContent).toBe(`Plan ${evil}`);
    expect(within(thread).getByRole('link').getAttribute('href')).toBe('/threads/t-1');
    expect(within(post).getByRole('link').textContent).toBe('Post in Plan');
    expect(within(post).getByRole('link').getAttribute('href')).toBe('/threads/t-1#post-post-9');
    expect(thread.textContent).toContain('Thread by Sam <b>Rivera</b> in #launch');

    const snippet = thread.querySelector('.search-snippet')!;
    expect(snippet.textContent).toBe(hostileText);
    expect([...snippet.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['zebra', 'zebra']);
    expect(list.querySelectorAll('img, b')).toHaveLength(0);
    expect((globalThis as { __xss?: unknown }).__xss).toBeUndefined();
    expect(screen.getByRole('status', { hidden: false }).textContent).toBe('2 results');
  });

  it('pages with the cursor, keeping the results already shown', async () => {
    const { requests } = renderApp(
      '/search?q=zebra',
      routes((request) =>
        new URLSearchParams(request.search).get('cursor') === 'page-2'
          ? { items: [hit('p-3', 'post', 'Third', 'zebra three')], nextCursor: null }
          : {
              items: [hit('p-1', 'post', 'First', 'zebra one'), hit('p-2', 'post', 'Second', 'zebra two')],
              nextCursor: 'page-2',
            },
      ),
    );
    await screen.findByText('2+ results', {}, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'More results' }));
    await screen.findByText('3 results');
    const titles = within(screen.getByRole('list', { name: 'Results' }))
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(titles).toEqual(['Post in First', 'Post in Second', 'Post in Third']);
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();
    expect(searches(requests).map((s) => s.get('cursor'))).toEqual([null, 'page-2']);
  });
});

describe('highlightParts', () => {
  it('splits at the marks and clamps ranges that overlap or run past the text', () => {
    const text = 'abcdefgh';
    const marks = [
      { start: 6, end: 99 },
      { start: 0, end: 2 },
      { start: 1, end: 4 },
    ];
    expect(highlightParts({ text, marks, html: '' })).toEqual([
      { text: 'ab', marked: true },
      { text: 'cd', marked: true },
      { text: 'ef', marked: false },
      { text: 'gh', marked: true },
    ]);
  });

  it('leaves out empty filters from the query', () => {
    expect(searchQuery({ q: ' a ', channel: '', author: '', from: '', to: '' })).toEqual({ q: 'a' });
  });
});
