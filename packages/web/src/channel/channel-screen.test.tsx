// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

const channel = {
  id: 'c-1',
  name: 'design',
  description: 'Screens and flows',
  visibility: 'public',
  createdBy: 'p-owner',
  createdAt: '2026-11-01T00:00:00Z',
  archivedAt: null,
  isMember: true,
};

const thread = (id: string, title: string, lastPostAt: string, authorId = 'p-sam') => ({
  id,
  channelId: 'c-1',
  title,
  authorId,
  createdAt: '2026-11-01T00:00:00Z',
  lastPostAt,
  isFollowing: true,
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T16:00:00Z'));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the channel’s thread list', () => {
  it('lists titles as text with last activity, and marks what is new for me', async () => {
    // Seen before the last post (new posts), seen since (nothing new), in my inbox (2 new), mine unopened.
    localStorage.setItem('meanwhile:seen:thread:t-seen-old', '2026-11-30T10:00:00Z');
    localStorage.setItem('meanwhile:seen:thread:t-seen', '2026-11-30T15:00:00Z');
    renderApp('/channels/c-1', {
      'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
      'GET /api/v1/channels': () => ({ status: 200, body: { items: [channel], nextCursor: null } }),
      'GET /api/v1/channels/c-1': () => ({ status: 200, body: channel }),
      'GET /api/v1/channels/c-1/threads': () => ({
        status: 200,
        body: {
          items: [
            thread('t-inbox', 'Logo <script>', '2026-11-30T15:55:00Z'),
            thread('t-seen-old', 'Colours', '2026-11-30T13:00:00Z'),
            thread('t-seen', 'Fonts', '2026-11-30T15:00:00Z'),
            thread('t-mine', 'My own', '2026-11-27T16:00:00Z', 'p-owner'),
          ],
          nextCursor: null,
        },
      }),
      'GET /api/v1/inbox': () => ({
        status: 200,
        body: {
          items: [
            { threadId: 't-inbox', postId: 'a' },
            { threadId: 't-inbox', postId: 'b' },
          ],
          nextCursor: null,
        },
      }),
    });
    const list = await screen.findByRole('list', { name: 'Threads' }, { timeout: 5000 });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(4));
    const row = (title: string) => within(list).getByRole('link', { name: title }).closest('li')!;
    expect(row('Logo <script>').getAttribute('class')).toContain('is-new');
    await waitFor(() => expect(row('Logo <script>').textContent).toContain('2 new for you'));
    expect(row('Logo <script>').textContent).toContain('Last activity 5 minutes ago');
    expect(row('Colours').textContent).toContain('New posts since your last visit');
    expect(row('Fonts').getAttribute('class')).not.toContain('is-new');
    expect(row('My own').getAttribute('class')).not.toContain('is-new');
    expect(row('My own').textContent).toContain('3 days ago');
    expect(within(list).getByRole('link', { name: 'Fonts' }).getAttribute('href')).toBe('/threads/t-seen');
  });
});
