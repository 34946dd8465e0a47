// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { daysLeft } from './scratch-banner';

const scratchThread = {
  id: 't-1',
  channelId: 'c-scratch',
  title: 'Half a thought',
  authorId: 'p-owner',
  createdAt: '2026-11-30T08:00:00Z',
  lastPostAt: '2026-11-30T08:00:00Z',
  isFollowing: true,
  scratch: { expiresAt: '2026-12-03T08:00:00Z', homeChannelId: 'c-home' },
};

function routes(promoted: { count: number }): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/people': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/threads/t-1': () => ({ status: 200, body: scratchThread }),
    'GET /api/v1/threads/t-1/posts': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/threads/t-1/decisions': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'POST /api/v1/threads/t-1/landing-preview': () => ({
      status: 200,
      body: { recipients: [], interruptBudget: null },
    }),
    'POST /api/v1/scratch-threads/t-1/promote': () => {
      promoted.count += 1;
      return { status: 200, body: { ...scratchThread, channelId: 'c-home', scratch: null } };
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T16:00:00Z'));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the scratch banner', () => {
  it('counts whole days left, never below one', () => {
    const now = Date.parse('2026-11-30T16:00:00Z');
    expect(daysLeft('2026-12-03T08:00:00Z', now)).toBe(3);
    expect(daysLeft('2026-11-30T17:00:00Z', now)).toBe(1);
    expect(daysLeft('2026-12-07T16:00:00Z', now)).toBe(7);
  });

  it('tells who sees a scratch thread and when it expires, and promotes it', async () => {
    const promoted = { count: 0 };
    renderApp('/threads/t-1', routes(promoted));
    const banner = await screen.findByRole('note', { name: 'Scratch thread' });
    expect(banner.textContent).toContain('Scratch · expires in 3 days · only participants see this');
    expect(screen.getByRole('link', { name: 'Back to the channel' }).getAttribute('href')).toBe(
      '/channels/c-home',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Promote to thread' }));
    await waitFor(() => expect(screen.queryByRole('note', { name: 'Scratch thread' })).toBeNull());
    expect(promoted.count).toBe(1);
  });
});
