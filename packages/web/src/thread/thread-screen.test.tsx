// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { instantView, postFixture } from './thread-fixtures';

const thread = {
  id: 't-1',
  channelId: 'c-1',
  title: 'Release <b>plan</b>',
  authorId: 'p-owner',
  createdAt: '2026-11-30T08:00:00Z',
  lastPostAt: '2026-11-30T10:00:00Z',
  isFollowing: true,
};

const posts = [
  postFixture('post-1', 'p-owner', '2026-11-30T08:00:00Z', {
    html: '<p>We ship <strong>Thursday</strong></p>',
    builtOnBy: ['post-3'],
    reactions: [{ emoji: 'heart', count: 2, reactedByMe: true }],
    asks: [
      {
        id: 'ask-1',
        personId: 'p-sam',
        level: 'today',
        state: 'open',
        dueAt: instantView('2026-12-01T21:00:00Z', 'America/Los_Angeles'),
      },
    ],
  }),
  postFixture('post-2', 'p-sam', '2026-11-30T09:00:00Z', { deleted: true, markdown: '', html: '' }),
  postFixture('post-3', 'p-sam', '2026-11-30T10:00:00Z', {
    html: '<p>Building on that</p>',
    buildsOn: ['post-1'],
    version: 2,
    editedAt: '2026-11-30T10:30:00Z',
    interrupt: { reason: 'Prod is down <script>', emergency: false },
  }),
];

const noLanding = { status: 200, body: { postId: 'x', recipients: [] } };

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/people': () => ({
      status: 200,
      body: {
        items: [
          { id: 'p-owner', displayName: 'Ada Owner', role: 'owner', joinedAt: 0, deactivatedAt: null },
          { id: 'p-sam', displayName: 'Sam <img src=x>', role: 'member', joinedAt: 0, deactivatedAt: null },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/threads/t-1': () => ({ status: 200, body: thread }),
    'GET /api/v1/threads/t-1/posts': () => ({ status: 200, body: { items: posts, nextCursor: null } }),
    'POST /api/v1/threads/t-1/landing-preview': () => ({
      status: 200,
      body: { recipients: [], interruptBudget: null },
    }),
    // I (the owner) was interrupted by nothing; post-1 interrupted Sam, and asked Sam at `today`.
    'GET /api/v1/inbox': () => ({
      status: 200,
      body: {
        items: [
          {
            id: 'd-1',
            kind: 'post',
            postId: 'post-3',
            threadId: 't-1',
            channelId: 'c-1',
            authorId: 'p-sam',
            deliveredAt: '2026-11-30T10:00:00Z',
            snoozedUntil: null,
            interrupt: { reason: 'Prod is down <script>', emergency: false },
            ask: null,
          },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/posts/post-1/landing': () => ({
      status: 200,
      body: {
        postId: 'post-1',
        recipients: [
          {
            personId: 'p-sam',
            reasons: ['asked'],
            landsAt: instantView('2026-12-01T17:00:00Z', 'America/Los_Angeles'),
            heldReason: null,
            interrupt: null,
            ask: {
              level: 'today',
              state: 'open',
              dueAt: instantView('2026-12-01T21:00:00Z', 'America/Los_Angeles'),
            },
          },
        ],
      },
    }),
    'GET /api/v1/posts/post-3/landing': () => ({
      status: 200,
      body: {
        postId: 'post-3',
        recipients: [
          {
            personId: 'p-owner',
            reasons: ['mentioned'],
            landsAt: instantView('2026-11-30T10:00:00Z', 'Europe/Berlin'),
            heldReason: null,
            interrupt: 'interrupt',
            ask: null,
          },
        ],
      },
    }),
    'GET /api/v1/posts/*': () => noLanding,
    ...extra,
  };
}

const article = (text: string) => screen.getByText(text).closest('article')!;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T16:00:00Z'));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the thread screen', () => {
  it('renders posts: server HTML, a tombstone, asks, the interrupt with its reason, builds-on links', async () => {
    const { requests } = renderApp('/threads/t-1', routes());
    // The title is text, never markup.
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Release <b>plan</b>' }, { timeout: 5000 }),
    ).toBeTruthy();
    await screen.findByText('Thursday');
    // The server's sanitised HTML is rendered as HTML.
    expect(article('Thursday').querySelector('.post-body strong')?.textContent).toBe('Thursday');
    // The deleted post leaves a tombstone, with no actions.
    const tombstone = screen.getByText('This post was deleted.').closest('article')!;
    expect(within(tombstone).queryByRole('button')).toBeNull();
    // A person's name is text too.
    expect(within(tombstone).getByRole('heading').textContent).toBe('Sam <img src=x>');

    // The ask: its state and due time in their time and mine.
    await waitFor(() => expect(article('Thursday').querySelector('.asks')).not.toBeNull());
    const ask = article('Thursday').querySelector('.asks li')!.textContent;
    expect(ask).toBe('Asked Sam <img src=x> (today): open · due 13:00 Tue their time · 22:00 Tue yours');

    // The interrupt, marked with its reason (as text).
    await waitFor(() =>
      expect(article('Building on that').querySelector('.interrupt-marker')).not.toBeNull(),
    );
    expect(article('Building on that').querySelector('.interrupt-marker')!.textContent).toBe(
      'Interrupt: Prod is down <script>',
    );

    // "Builds on" and "built on by" link the two posts both ways.
    const buildsOn = within(article('Building on that')).getByRole('link', { name: /Ada Owner’s post at/ });
    expect(buildsOn.getAttribute('href')).toBe('#post-post-1');
    const builtOnBy = within(article('Thursday')).getByRole('link', { name: /Sam <img src=x>’s post at/ });
    expect(builtOnBy.getAttribute('href')).toBe('#post-post-3');

    // Reactions: mine is pressed; asks and interrupts came with the page: no landing asked for any post.
    expect(
      within(article('Thursday'))
        .getByRole('button', { name: 'heart: 2, yours included' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(requests.filter((r) => r.path.endsWith('/landing'))).toEqual([]);
  });

  it('opened at #post-<id> (a search result), scrolls to that post and focuses it', async () => {
    // jsdom lays nothing out: record which element was asked to scroll into view.
    const scrolled: Element[] = [];
    const scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    Element.prototype.scrollIntoView = scrollIntoView;
    try {
      renderApp('/threads/t-1#post-post-3', routes());
      await screen.findByText('Building on that', {}, { timeout: 5000 });
      await waitFor(() => expect(scrolled.map((el) => el.id)).toEqual(['post-post-3']));
      expect(document.activeElement?.id).toBe('post-post-3');
      // Later renders (the inbox and people answering after the posts) do not scroll again.
      await screen.findByText(/Prod is down/);
      expect(scrollIntoView).toHaveBeenCalledTimes(1);
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });

  it('without an anchor, keeps focus on the heading', async () => {
    const scrollIntoView = vi.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    try {
      renderApp('/threads/t-1', routes());
      await screen.findByText('Building on that', {}, { timeout: 5000 });
      expect(scrollIntoView).not.toHaveBeenCalled();
      expect(document.activeElement?.tagName).toBe('H1');
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });

  it('shows the edit history of an edited post', async () => {
    renderApp(
      '/threads/t-1',
      routes({
        'GET /api/v1/posts/post-3/versions': () => ({
          status: 200,
          body: {
            items: [
              {
                version: 2,
                markdown: 'b',
                html: '<p>Building on that</p>',
                editedBy: 'p-sam',
                createdAt: '2026-11-30T10:30:00Z',
              },
              {
                version: 1,
                markdown: 'a',
                html: '<p>first words</p>',
                editedBy: 'p-sam',
                createdAt: '2026-11-30T10:00:00Z',
              },
            ],
            nextCursor: null,
          },
        }),
      }),
    );
    await screen.findByText('Building on that', {}, { timeout: 5000 });
    expect(within(article('Thursday')).queryByRole('button', { name: 'Edited · history' })).toBeNull();
    fireEvent.click(within(article('Building on that')).getByRole('button', { name: 'Edited · history' }));
    const history = await screen.findByRole('list', { name: 'Edit history' });
    expect(history.textContent).toContain('first words');
    expect(history.textContent).toContain('Version 1');
  });

  it('edits and deletes my own post with If-Match, reacts, and `r` focuses the reply', async () => {
    const { requests } = renderApp(
      '/threads/t-1',
      routes({
        'PATCH /api/v1/posts/post-1': () => ({ status: 200, body: posts[0] }),
        'DELETE /api/v1/posts/post-1': () => ({ status: 200, body: { ...posts[0], deleted: true } }),
        'PUT /api/v1/posts/post-1/reactions/tada': () => ({ status: 200, body: posts[0] }),
      }),
    );
    await screen.findByText('Thursday', {}, { timeout: 5000 });
    // Only my own post can be edited.
    expect(within(article('Building on that')).queryByRole('button', { name: 'Edit' })).toBeNull();
    const mine = article('Thursday');
    fireEvent.click(within(mine).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(mine).getByLabelText('Edit your post'), { target: { value: 'We ship Friday' } });
    fireEvent.click(within(mine).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('if-match')).toBe('"1"');
    expect(patch.body).toEqual({ markdown: 'We ship Friday', mentions: [], buildsOn: [] });

    fireEvent.click(await within(mine).findByRole('button', { name: 'React with celebrate' }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'PUT' && r.path.endsWith('/reactions/tada'))).toBe(true),
    );

    fireEvent.click(within(mine).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(mine).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE')).toBe(true));

    fireEvent.keyDown(document.body, { key: 'r' });
    expect(document.activeElement).toBe(screen.getByLabelText('Your reply'));
  });
});
