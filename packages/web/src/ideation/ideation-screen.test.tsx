// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLiveEvent } from '../app/live-events';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import type { Idea, Round } from './types';

function round(extra: Partial<Round> = {}): Round {
  return {
    id: 'r-1',
    channelId: 'c-1',
    threadId: 't-1',
    prompt: 'How do we cut <b>meetings</b>?',
    openedBy: 'p-owner',
    isAnonymous: true,
    dotsPerPerson: 3,
    allowsStacking: false,
    windowHours: 8,
    openedAt: '2026-11-30T08:00:00Z',
    // 18:00 Monday in Berlin.
    revealAt: { at: '2026-11-30T17:00:00Z', epochMs: Date.parse('2026-11-30T17:00:00Z') },
    revealReason: 'Reveals when everyone has had 8 of their working hours.',
    phase: 'collecting',
    participantIds: [],
    participantCount: 3,
    isParticipant: true,
    myDotsLeft: 3,
    ...extra,
  };
}

function idea(id: string, text: string, extra: Partial<Idea> = {}): Idea {
  return {
    id,
    roundId: 'r-1',
    text,
    mine: false,
    author: null,
    buildsOn: null,
    dots: null,
    myDots: 0,
    promotedThreadId: null,
    createdAt: '2026-11-30T09:00:00Z',
    editedAt: null,
    ...extra,
  };
}

function routes(r: Round, ideas: Idea[], extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/me/rhythm': () => ({ status: 200, body: { rhythm: { timeZone: 'Europe/Berlin' } } }),
    'GET /api/v1/ideation-rounds/r-1': () => ({ status: 200, body: r }),
    'GET /api/v1/ideation-rounds/r-1/ideas': () => ({ status: 200, body: { phase: r.phase, items: ideas } }),
    ...extra,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T10:00:00Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the ideation board', () => {
  it('before the reveal shows my ideas only, when the reveal comes in my time, and adds an idea', async () => {
    const mine = idea('i-1', 'No-meeting Wednesdays', {
      mine: true,
      author: { id: 'p-owner', displayName: 'Ada Owner' },
    });
    const { requests } = renderApp(
      '/ideation/r-1',
      routes(round(), [mine], {
        'POST /api/v1/ideation-rounds/r-1/ideas': () => ({
          status: 201,
          body: idea('i-2', 'Async stand-ups', { mine: true }),
        }),
      }),
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ideation round' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.getByText('How do we cut <b>meetings</b>?')).toBeTruthy();
    const phase = await screen.findByText(/Collecting ideas until the reveal at/);
    await waitFor(() => expect(phase.textContent).toContain('18:00 Mon'));
    expect(screen.getByText('Reveals when everyone has had 8 of their working hours.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Your ideas' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Ideas' });
    expect(await within(list).findAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText('You')).toBeTruthy();
    // No dots before the reveal.
    expect(screen.queryByRole('button', { name: /Give a dot/ })).toBeNull();

    fireEvent.change(screen.getByLabelText('Your idea'), { target: { value: ' Async stand-ups ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add idea' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ text: 'Async stand-ups' });
  });

  it('after the reveal shows every idea by dots, anonymously, my dots left, and places, builds on and promotes', async () => {
    const revealed = round({ phase: 'voting', myDotsLeft: 2 });
    const ideas = [
      idea('i-1', 'No-meeting Wednesdays', { dots: 4, myDots: 1 }),
      idea('i-2', 'Async stand-ups', { dots: 2, buildsOn: 'i-1' }),
    ];
    const { requests } = renderApp(
      '/ideation/r-1',
      routes(revealed, ideas, {
        'PUT /api/v1/ideas/i-2/dots': () => ({ status: 200, body: ideas[1] }),
        'POST /api/v1/ideation-rounds/r-1/ideas': () => ({
          status: 201,
          body: idea('i-3', 'x', { mine: true }),
        }),
        'POST /api/v1/ideas/i-1/promote': () => ({
          status: 201,
          body: { to: 'thread', threadId: 't-9', decisionId: null },
        }),
        'GET /api/v1/threads/t-9': () => ({ status: 404, body: { status: 404, code: 'not_found' } }),
      }),
    );
    const phase = await screen.findByText(/Revealed: place your dots/, {}, { timeout: 5000 });
    expect(phase.getAttribute('role')).toBe('status');
    expect(phase.textContent).toContain('2 of 3 dots left (one per idea)');
    const items = await within(screen.getByRole('list', { name: 'Ideas' })).findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.idea-text')!.textContent)).toEqual([
      'No-meeting Wednesdays',
      'Async stand-ups',
    ]);
    expect(items[0]!.textContent).toContain('Anonymous · 4 dots (1 mine)');
    expect(within(items[1]!).getByRole('link', { name: 'No-meeting Wednesdays' }).getAttribute('href')).toBe(
      '#idea-i-1',
    );
    // One dot per idea: no second dot on the first.
    expect(
      (within(items[0]!).getByRole('button', { name: /Give a dot/ }) as HTMLButtonElement).disabled,
    ).toBe(true);

    fireEvent.click(within(items[1]!).getByRole('button', { name: /Give a dot/ }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    expect(requests.find((r) => r.method === 'PUT')!.body).toEqual({ dots: 1 });

    fireEvent.click(within(items[0]!).getByRole('button', { name: /Build on/ }));
    expect(document.activeElement).toBe(screen.getByLabelText('Your idea'));
    fireEvent.change(screen.getByLabelText('Your idea'), { target: { value: 'Only on Wednesdays' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add idea' }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/ideas'))).toBe(true),
    );
    expect(requests.find((r) => r.method === 'POST' && r.path.endsWith('/ideas'))!.body).toEqual({
      text: 'Only on Wednesdays',
      buildsOn: 'i-1',
    });

    fireEvent.click(within(items[0]!).getByRole('button', { name: /Promote to a thread/ }));
    await waitFor(() => expect(globalThis.location.pathname).toBe('/threads/t-9'));
    expect(requests.find((r) => r.path === '/api/v1/ideas/i-1/promote')!.body).toEqual({ to: 'thread' });
  });

  it('promotes an idea to a decision and goes to the thread it opened in', async () => {
    const ideas = [idea('i-2', 'Async stand-ups', { dots: 2 })];
    const { requests } = renderApp(
      '/ideation/r-1',
      routes(round({ phase: 'voting', myDotsLeft: 2 }), ideas, {
        'POST /api/v1/ideas/i-2/promote': () => ({
          status: 201,
          body: { to: 'decision', threadId: 't-8', decisionId: 'd-1' },
        }),
        'GET /api/v1/threads/t-8': () => ({ status: 404, body: { status: 404, code: 'not_found' } }),
      }),
    );
    const items = await within(
      await screen.findByRole('list', { name: 'Ideas' }, { timeout: 5000 }),
    ).findAllByRole('listitem');
    fireEvent.click(within(items[0]!).getByRole('button', { name: /Promote to a decision/ }));
    await waitFor(() => expect(globalThis.location.pathname).toBe('/threads/t-8'));
    expect(requests.find((r) => r.path === '/api/v1/ideas/i-2/promote')!.body).toEqual({ to: 'decision' });
  });

  it('shows the reveal when its live event arrives', async () => {
    let current = round();
    const { queryClient } = renderApp('/ideation/r-1', {
      ...routes(current, []),
      'GET /api/v1/ideation-rounds/r-1': () => ({ status: 200, body: current }),
      'GET /api/v1/ideation-rounds/r-1/ideas': () => ({
        status: 200,
        body: { phase: current.phase, items: [idea('i-1', 'Fewer slides', { dots: 0 })] },
      }),
    });
    await screen.findByText(/Collecting ideas until the reveal/, {}, { timeout: 5000 });
    current = round({ phase: 'voting' });
    applyLiveEvent(queryClient, {
      id: 'e-1',
      type: 'ideation.revealed',
      createdAt: '2026-11-30T17:00:00Z',
      payload: { roundId: 'r-1', channelId: 'c-1', threadId: 't-1' },
    });
    expect((await screen.findByText(/Revealed: place your dots/)).textContent).toContain('3 of 3 dots left');
    expect(screen.getByRole('heading', { level: 2, name: 'All ideas, most dots first' })).toBeTruthy();
  });
});
