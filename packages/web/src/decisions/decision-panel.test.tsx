// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import type { Decision } from './types';

const thread = {
  id: 't-1',
  channelId: 'c-1',
  title: 'Offsite',
  authorId: 'p-owner',
  createdAt: '2026-11-30T08:00:00Z',
  lastPostAt: '2026-11-30T10:00:00Z',
  isFollowing: true,
};

const place = (zone: string) => ({ date: '', time: '', timeZone: zone, utcOffsetMinutes: 0 });
const instant = (at: string, theirZone: string) => ({
  at,
  epochMs: Date.parse(at),
  theirs: place(theirZone),
  mine: place('Europe/Berlin'),
});

/** A decision as Ada (p-owner, in Berlin) sees it; Ana's rhythm in Tokyo sets the close. */
function decision(extra: Partial<Decision> = {}): Decision {
  return {
    id: 'd-1',
    threadId: 't-1',
    channelId: 'c-1',
    postId: 'post-1',
    question: 'Where do we meet <b>?</b>',
    mode: 'consent',
    options: [],
    hideVotesUntilClose: false,
    deciderId: 'p-owner',
    openedBy: 'p-owner',
    windowHours: 16,
    openedAt: '2026-11-30T08:00:00Z',
    // 18:00 Monday in Berlin, 02:00 Tuesday in Tokyo.
    closesAt: instant('2026-11-30T17:00:00Z', 'Asia/Tokyo'),
    fairClosesAt: '2026-11-30T17:00:00Z',
    closeSetBy: 'p-ana',
    closeReason:
      "Closes so that everyone gets 16 of their working hours; Ana Tokyo's rhythm (Asia/Tokyo) sets the close.",
    state: 'open',
    tiedOptions: null,
    outcome: null,
    closedAt: null,
    closedEarly: false,
    outcomePostId: null,
    participants: [
      {
        personId: 'p-owner',
        isRequired: true,
        windowEndsAt: instant('2026-11-30T15:00:00Z', 'Europe/Berlin'),
        hasResponded: false,
        response: null,
      },
      {
        personId: 'p-ana',
        isRequired: true,
        windowEndsAt: instant('2026-11-30T17:00:00Z', 'Asia/Tokyo'),
        hasResponded: false,
        response: null,
      },
    ],
    myResponse: null,
    canCloseEarly: false,
    ...extra,
  };
}

const voteDecision = (extra: Partial<Decision> = {}) =>
  decision({
    mode: 'vote',
    options: [
      { index: 0, text: 'Lisbon', votes: 1 },
      { index: 1, text: 'Kyoto', votes: 0 },
    ],
    myResponse: { kind: 'vote', option: 0, reason: null, at: '2026-11-30T09:00:00Z' },
    ...extra,
  });

function routes(decisions: Decision[], extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/people': () => ({
      status: 200,
      body: {
        items: [
          { id: 'p-owner', displayName: 'Ada Owner', role: 'owner', joinedAt: 0, deactivatedAt: null },
          { id: 'p-ana', displayName: 'Ana Tokyo', role: 'member', joinedAt: 0, deactivatedAt: null },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/threads/t-1': () => ({ status: 200, body: thread }),
    'GET /api/v1/threads/t-1/posts': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'POST /api/v1/threads/t-1/landing-preview': () => ({
      status: 200,
      body: { recipients: [], interruptBudget: null },
    }),
    'GET /api/v1/threads/t-1/decisions': () => ({
      status: 200,
      body: { items: decisions, nextCursor: null },
    }),
    'GET /api/v1/agreement': () => ({
      status: 200,
      body: { version: 1, agreement: { decisionWindowHours: 16 } },
    }),
    ...extra,
  };
}

const panel = async (question = 'Where do we meet <b>?</b>') =>
  (await screen.findByRole('heading', { level: 3, name: question }, { timeout: 5000 })).closest('article')!;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T08:30:00Z'));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the decision panel', () => {
  it('shows the close in my time beside the time of the person who set it, and why', async () => {
    renderApp('/threads/t-1', routes([decision()]));
    const article = await panel();
    const close = article.querySelector('.decision-close-time')!;
    expect(close.textContent).toBe('Closes 18:00 Mon for you · 02:00 Tue for Ana Tokyo');
    expect(close.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-30T17:00:00Z');
    expect(within(article).getByText(/so that everyone gets 16 of their working hours/)).toBeTruthy();
    // Each required participant's own window, in my time and theirs.
    expect(within(article).getByRole('list', { name: 'Participants' }).textContent).toContain(
      'window ends 18:00 Mon for you · 02:00 Tue for Ana Tokyo',
    );
    // The question is text, never markup.
    expect(article.querySelector('b')).toBeNull();
  });

  it('refuses a block without a reason, then sends the block with its reason, and withdraws it', async () => {
    const blocked = decision({
      myResponse: { kind: 'block', option: null, reason: 'Too far for Ana', at: '2026-11-30T08:40:00Z' },
    });
    const { requests } = renderApp(
      '/threads/t-1',
      routes([decision()], {
        'PUT /api/v1/decisions/d-1/response': () => ({ status: 200, body: blocked }),
        'POST /api/v1/decisions/d-1/withdraw-block': () => ({
          status: 200,
          body: decision({
            myResponse: { kind: 'consent', option: null, reason: null, at: '2026-11-30T08:50:00Z' },
          }),
        }),
      }),
    );
    const article = await panel();
    fireEvent.click(within(article).getByRole('button', { name: 'Block' }));
    expect((await within(article).findByRole('alert')).textContent).toMatch(/A block needs a reason/);
    expect(within(article).getByLabelText('Why you block').getAttribute('aria-invalid')).toBe('true');
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);

    fireEvent.change(within(article).getByLabelText('Why you block'), {
      target: { value: ' Too far for Ana ' },
    });
    fireEvent.click(within(article).getByRole('button', { name: 'Block' }));
    await within(article).findByRole('button', { name: 'Withdraw my block' });
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/api/v1/decisions/d-1/response');
    expect(put.body).toEqual({ kind: 'block', reason: 'Too far for Ana' });

    fireEvent.click(within(article).getByRole('button', { name: 'Withdraw my block' }));
    await within(article).findByText('You consent.');
    expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/withdraw-block'))).toBe(true);
  });

  it('changes my vote until the close', async () => {
    const changed = voteDecision({
      options: [
        { index: 0, text: 'Lisbon', votes: 0 },
        { index: 1, text: 'Kyoto', votes: 1 },
      ],
      myResponse: { kind: 'vote', option: 1, reason: null, at: '2026-11-30T09:10:00Z' },
    });
    const { requests } = renderApp(
      '/threads/t-1',
      routes([voteDecision()], {
        'PUT /api/v1/decisions/d-1/response': () => ({ status: 200, body: changed }),
      }),
    );
    const article = await panel();
    const change = within(article).getByRole('button', { name: 'Change vote' }) as HTMLButtonElement;
    // Nothing to change while my vote is chosen.
    expect(change.disabled).toBe(true);
    expect(within(article).getByRole('list', { name: 'Votes so far' }).textContent).toContain(
      'Lisbon: 1 vote',
    );
    fireEvent.click(within(article).getByRole('radio', { name: 'Kyoto' }));
    fireEvent.click(change);
    await waitFor(() =>
      expect(within(article).getByRole('list', { name: 'Votes so far' }).textContent).toContain(
        'Kyoto: 1 vote',
      ),
    );
    expect(requests.find((r) => r.method === 'PUT')!.body).toEqual({ kind: 'vote', option: 1 });
    expect(within(article).getByRole('radio', { name: 'Kyoto (your vote)' })).toBeTruthy();
  });

  it('respects hidden votes: no counts, others only as "responded"', async () => {
    const hidden = voteDecision({
      hideVotesUntilClose: true,
      options: [
        { index: 0, text: 'Lisbon', votes: null },
        { index: 1, text: 'Kyoto', votes: null },
      ],
      participants: decision().participants.map((p) => ({ ...p, hasResponded: true })),
    });
    renderApp('/threads/t-1', routes([hidden]));
    const article = await panel();
    expect(within(article).queryByRole('list', { name: 'Votes so far' })).toBeNull();
    expect(within(article).getByText(/Votes are hidden until the close/)).toBeTruthy();
    expect(within(article).getByRole('list', { name: 'Participants' }).textContent).toContain(
      'responded (hidden until the close)',
    );
  });

  it('lets the decider close early only once every required participant has responded', async () => {
    const closed = voteDecision({
      state: 'closed',
      outcome: { result: 'chosen', option: 0, text: 'Lisbon' },
      closedAt: '2026-11-30T09:00:00Z',
      closedEarly: true,
    });
    const waiting = renderApp('/threads/t-1', routes([voteDecision()]));
    let article = await panel();
    expect(within(article).queryByRole('button', { name: 'Close now' })).toBeNull();
    expect(article.textContent).toContain('once every required participant has responded (0 of 2 have)');
    waiting.unmount();

    const ready = voteDecision({
      canCloseEarly: true,
      participants: decision().participants.map((p) => ({ ...p, hasResponded: true })),
    });
    const { requests } = renderApp(
      '/threads/t-1',
      routes([ready], { 'POST /api/v1/decisions/d-1/close': () => ({ status: 200, body: closed }) }),
    );
    article = await panel();
    fireEvent.click(within(article).getByRole('button', { name: 'Close now' }));
    await within(article).findByText('Decided (closed early): Lisbon');
    expect(requests.some((r) => r.method === 'POST' && r.path === '/api/v1/decisions/d-1/close')).toBe(true);
    expect(within(article).queryByRole('button', { name: 'Change vote' })).toBeNull();
  });

  it('lets the decider break a tie among the tied options', async () => {
    const tied = voteDecision({ state: 'awaiting_tiebreak', tiedOptions: [0, 1] });
    const { requests } = renderApp(
      '/threads/t-1',
      routes([tied], {
        'POST /api/v1/decisions/d-1/tie-break': () => ({
          status: 200,
          body: voteDecision({ state: 'closed', outcome: { result: 'chosen', option: 1, text: 'Kyoto' } }),
        }),
      }),
    );
    const article = await panel();
    expect(article.textContent).toContain('Tied: waiting for Ada Owner to break the tie');
    fireEvent.click(within(article).getByRole('radio', { name: 'Kyoto' }));
    fireEvent.click(within(article).getByRole('button', { name: 'Choose this option' }));
    await within(article).findByText('Decided: Kyoto');
    expect(requests.find((r) => r.path.endsWith('/tie-break'))!.body).toEqual({ option: 1 });
  });
});

describe('opening a decision', () => {
  it('sends the question, options, decider, participants and window, then shows the panel', async () => {
    const opened = voteDecision({ question: 'Which city?', myResponse: null });
    const { requests } = renderApp(
      '/threads/t-1',
      routes([], { 'POST /api/v1/threads/t-1/decisions': () => ({ status: 201, body: opened }) }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Open a decision' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Open a decision' });
    fireEvent.change(within(form).getByLabelText('Question'), { target: { value: 'Which city?' } });
    fireEvent.click(within(form).getByRole('radio', { name: /^Vote between options/ }));
    fireEvent.change(within(form).getByLabelText('Option 1'), { target: { value: 'Lisbon' } });
    fireEvent.change(within(form).getByLabelText('Option 2'), { target: { value: 'Kyoto' } });
    // I am required by default; add Ana from the picker.
    const required = within(form).getByRole('combobox', { name: 'Required participants' });
    fireEvent.focus(required);
    fireEvent.change(required, { target: { value: 'Ana' } });
    const list = within(form).getByRole('listbox', { name: 'Required participants' });
    fireEvent.mouseDown(within(list).getByRole('option', { name: 'Ana Tokyo' }));
    // The agreement's window is the default.
    expect(await within(form).findByText('Empty: the agreement’s 16 working hours.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Working hours each'), { target: { value: '8' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Open decision' }));
    await screen.findByRole('heading', { level: 3, name: 'Which city?' });
    expect(screen.queryByRole('form', { name: 'Open a decision' })).toBeNull();
    expect(requests.find((r) => r.method === 'POST' && r.path.endsWith('/decisions'))!.body).toEqual({
      question: 'Which city?',
      mode: 'vote',
      options: ['Lisbon', 'Kyoto'],
      deciderId: 'p-owner',
      requiredIds: ['p-owner', 'p-ana'],
      windowHours: 8,
    });
  });

  it('shows the server’s refusal of an early deadline next to the deadline', async () => {
    renderApp(
      '/threads/t-1',
      routes([], {
        'POST /api/v1/threads/t-1/decisions': () => ({
          status: 422,
          body: {
            status: 422,
            code: 'decision_deadline_too_early',
            detail: 'closesAt must be at or after 2026-11-30T17:00:00.000Z',
            errors: [{ path: 'body.closesAt', message: 'earliest allowed: 2026-11-30T17:00:00.000Z' }],
          },
        }),
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Open a decision' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Open a decision' });
    fireEvent.change(within(form).getByLabelText('Question'), { target: { value: 'Now?' } });
    fireEvent.click(within(form).getByRole('radio', { name: 'At a later deadline' }));
    fireEvent.change(within(form).getByLabelText('Deadline (your time)'), {
      target: { value: '2026-11-30T10:00' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Open decision' }));
    expect(
      await within(form).findByText('body.closesAt: earliest allowed: 2026-11-30T17:00:00.000Z'),
    ).toBeTruthy();
  });
});
