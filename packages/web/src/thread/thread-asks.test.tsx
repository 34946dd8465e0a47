// @vitest-environment jsdom
// Asks and interrupts as the thread page gives them (no request per post), answering and declining an ask
// of mine from the thread, and `j`/`k` between posts.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { instantView, postFixture } from './thread-fixtures';

const me = signedInMe.person.id; // p-owner, Ada

type Ask = { id: string; personId: string; level: string; state: string; dueAt: unknown };

/** A thread by Sam asking me (`ask-me`) and Lea (`ask-lea`), then Sam's emergency interrupt. */
function thread(myAskState = 'open'): ReturnType<typeof postFixture>[] {
  const asks: Ask[] = [
    {
      id: 'ask-me',
      personId: me,
      level: 'soon',
      state: myAskState,
      dueAt: instantView('2026-12-01T14:00:00Z', 'Europe/Berlin', 'Europe/Berlin'),
    },
    {
      id: 'ask-lea',
      personId: 'p-lea',
      level: 'normal',
      state: 'declined',
      dueAt: instantView('2026-12-02T17:00:00Z', 'America/New_York', 'Europe/Berlin'),
    },
    { id: 'ask-fyi', personId: 'p-lea', level: 'fyi', state: 'open', dueAt: null },
  ];
  return [
    postFixture('post-1', 'p-sam', '2026-11-30T08:00:00Z', { html: '<p>Can you review?</p>', asks }),
    postFixture('post-2', 'p-sam', '2026-11-30T09:00:00Z', {
      html: '<p>Site is down</p>',
      interrupt: { reason: 'Checkout <b>fails</b>', emergency: true },
    }),
    postFixture('post-3', me, '2026-11-30T10:00:00Z', { html: '<p>On it</p>' }),
  ];
}

function routes(posts: () => unknown[], extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/people': () => ({
      status: 200,
      body: {
        items: [
          { id: me, displayName: 'Ada Owner', role: 'owner', joinedAt: 0, deactivatedAt: null },
          { id: 'p-sam', displayName: 'Sam', role: 'member', joinedAt: 0, deactivatedAt: null },
          { id: 'p-lea', displayName: 'Lea <i>', role: 'member', joinedAt: 0, deactivatedAt: null },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/threads/t-1': () => ({
      status: 200,
      body: {
        id: 't-1',
        channelId: 'c-1',
        title: 'Review',
        authorId: 'p-sam',
        createdAt: '2026-11-30T08:00:00Z',
        lastPostAt: '2026-11-30T10:00:00Z',
        isFollowing: true,
      },
    }),
    'GET /api/v1/threads/t-1/posts': () => ({ status: 200, body: { items: posts(), nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'POST /api/v1/threads/t-1/landing-preview': () => ({
      status: 200,
      body: { recipients: [], interruptBudget: null },
    }),
    ...extra,
  };
}

const article = (text: string) => screen.getByText(text).closest('article')!;
const askItems = () => [...article('Can you review?').querySelectorAll('.asks li')];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T16:00:00Z'));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('asks and interrupts on the thread', () => {
  it('shows each ask with its state and due time, and the interrupt with its reason, from the page alone', async () => {
    const { requests } = renderApp(
      '/threads/t-1',
      routes(() => thread()),
    );
    await screen.findByText('Can you review?', {}, { timeout: 5000 });
    expect(askItems()).toHaveLength(3);
    const [mine, lea, fyi] = askItems();
    // Mine: both clocks in my zone; Lea's declined ask shows no due time; the FYI ask has none at all.
    expect(mine!.textContent).toContain('Asked you (soon): open · due 15:00 Tue (your time too)');
    expect(lea!.textContent).toBe('Asked Lea <i> (normal): declined');
    expect(fyi!.textContent).toBe('Asked Lea <i> (fyi): open');
    expect(lea!.className).toContain('ask-declined');
    // Only my open ask offers answer / decline.
    expect(within(mine as HTMLElement).getByRole('button', { name: 'Mark answered' })).toBeTruthy();
    expect(within(lea as HTMLElement).queryByRole('button')).toBeNull();
    expect(within(fyi as HTMLElement).queryByRole('button')).toBeNull();
    // The interrupt, its reason as text.
    expect(article('Site is down').querySelector('.interrupt-marker')!.textContent).toBe(
      'Emergency interrupt: Checkout <b>fails</b>',
    );
    expect(article('On it').querySelector('.interrupt-marker, .asks')).toBeNull();
    // Not one request per post.
    expect(requests.filter((r) => r.path.startsWith('/api/v1/posts/'))).toEqual([]);
  });

  it('answers my ask from the thread, then shows the page’s new state', async () => {
    let state = 'open';
    const { requests } = renderApp(
      '/threads/t-1',
      routes(() => thread(state), {
        'POST /api/v1/asks/ask-me/answer': () => {
          state = 'answered';
          return { status: 200, body: { id: 'ask-me', state: 'answered' } };
        },
      }),
    );
    await screen.findByText('Can you review?', {}, { timeout: 5000 });
    fireEvent.click(within(askItems()[0] as HTMLElement).getByRole('button', { name: 'Mark answered' }));
    await waitFor(() => expect(askItems()[0]!.textContent).toBe('Asked you (soon): answered'));
    const answers = requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/asks/ask-me/answer');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.headers.get('x-csrf-token')).toBe('csrf-from-me');
  });

  it('declines my ask with a reason, and shows the server’s refusal', async () => {
    let state = 'open';
    let refuse = true;
    const { requests } = renderApp(
      '/threads/t-1',
      routes(() => thread(state), {
        'POST /api/v1/asks/ask-me/decline': () => {
          if (refuse) {
            refuse = false;
            return {
              status: 409,
              body: {
                status: 409,
                code: 'ask_closed',
                title: 'Conflict',
                detail: 'This ask is closed already.',
              },
            };
          }
          state = 'declined';
          return { status: 200, body: { id: 'ask-me', state: 'declined' } };
        },
      }),
    );
    await screen.findByText('Can you review?', {}, { timeout: 5000 });
    fireEvent.click(within(askItems()[0] as HTMLElement).getByRole('button', { name: 'Decline…' }));
    const reason = screen.getByLabelText('Why you decline (the asker sees it)');
    fireEvent.change(reason, { target: { value: '  Not my area  ' } });
    fireEvent.click(within(askItems()[0] as HTMLElement).getByRole('button', { name: 'Decline' }));
    expect(await screen.findByText(/This ask is closed already/)).toBeTruthy();
    fireEvent.click(within(askItems()[0] as HTMLElement).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(askItems()[0]!.textContent).toBe('Asked you (soon): declined'));
    const declines = requests.filter((r) => r.path === '/api/v1/asks/ask-me/decline');
    expect(declines.map((r) => r.body)).toEqual([{ reason: 'Not my area' }, { reason: 'Not my area' }]);
  });

  it('moves between posts with j and k', async () => {
    renderApp(
      '/threads/t-1',
      routes(() => thread()),
    );
    await screen.findByText('On it', {}, { timeout: 5000 });
    const ids = () => (document.activeElement as HTMLElement | null)?.id;
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(ids()).toBe('post-post-1');
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(ids()).toBe('post-post-3');
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(ids()).toBe('post-post-3');
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    expect(ids()).toBe('post-post-2');
  });
});
