// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes, SentRequest } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

const channel = {
  id: 'c-1',
  name: 'design',
  description: '',
  visibility: 'public',
  createdBy: 'p-owner',
  createdAt: '2026-11-01T00:00:00Z',
  archivedAt: null,
  isMember: true,
};

const person = (id: string, displayName: string) => ({
  id,
  displayName,
  role: 'member',
  joinedAt: 0,
  deactivatedAt: null,
});

const people = [
  person('p-owner', 'Ada Owner'),
  person('p-sam', 'Sam Francisco'),
  person('p-tomo', 'Tomo Tokyo'),
];

const local = (at: string, timeZone: string, date: string, time: string) => ({
  date,
  time,
  timeZone,
  utcOffsetMinutes: 0,
});

/** An instant as the server sends it: the recipient's wall clock and mine (Berlin). */
function instant(at: string, theirZone: string) {
  return {
    at,
    epochMs: Date.parse(at),
    theirs: local(at, theirZone, '', ''),
    mine: local(at, 'Europe/Berlin', '', ''),
  };
}

/** The preview the fake server answers: each asked person lands 17:00Z and is due 21:00Z. */
function previewAnswer(request: SentRequest) {
  const body = request.body as { asks?: { personId: string; level: string }[]; interrupt?: unknown };
  const zones: Record<string, string> = { 'p-sam': 'America/Los_Angeles', 'p-tomo': 'Asia/Tokyo' };
  return {
    status: 200,
    body: {
      recipients: (body.asks ?? []).map((ask) => ({
        personId: ask.personId,
        reasons: ['asked'],
        landsAt: instant('2026-12-01T17:00:00Z', zones[ask.personId]!),
        heldReason: null,
        interrupt: null,
        ask: {
          level: ask.level,
          state: 'open',
          dueAt: instant('2026-12-01T21:00:00Z', zones[ask.personId]!),
        },
      })),
      interruptBudget: body.interrupt
        ? { limit: 3, used: 1, remaining: 2, resetsAt: '2026-12-06T23:00:00Z' }
        : null,
    },
  };
}

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [channel], nextCursor: null } }),
    'GET /api/v1/channels/c-1': () => ({ status: 200, body: channel }),
    'GET /api/v1/channels/c-1/threads': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/people': () => ({ status: 200, body: { items: people, nextCursor: null } }),
    'POST /api/v1/channels/c-1/landing-preview': previewAnswer,
    ...extra,
  };
}

const previews = (requests: SentRequest[]) =>
  requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/channels/c-1/landing-preview');

async function openComposer() {
  fireEvent.click(await screen.findByRole('button', { name: 'New thread' }, { timeout: 5000 }));
  return screen.findByRole('form', { name: 'New thread' });
}

function pick(form: HTMLElement, label: string, name: string) {
  const box = within(form).getByRole('combobox', { name: label });
  fireEvent.focus(box);
  fireEvent.change(box, { target: { value: name.slice(0, 3) } });
  fireEvent.mouseDown(within(form).getByRole('option', { name }));
}

beforeEach(() => {
  // Only the date is fixed (Tue 2026-12-01 is within six days: no date beside the weekday).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T16:00:00Z'));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the composer’s landing preview', () => {
  it('asks again when the recipients change, and shows their time and mine for landing and due', async () => {
    const { requests } = renderApp('/channels/c-1', routes());
    const form = await openComposer();
    // The empty draft is previewed too: nobody gets it yet.
    await waitFor(() => expect(previews(requests)).toHaveLength(1));
    expect(previews(requests)[0]!.body).toEqual({});
    expect(await within(form).findByText(/Nobody else gets this yet/)).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Ask level'), { target: { value: 'today' } });
    pick(form, 'Ask for a reply', 'Sam Francisco');
    await waitFor(() =>
      expect(previews(requests).at(-1)!.body).toEqual({ asks: [{ personId: 'p-sam', level: 'today' }] }),
    );
    const row = await within(form).findByText('Sam Francisco', { selector: '.landing-name' });
    const text = row.closest('li')!.textContent!;
    expect(text).toContain('lands 09:00 Tue their time · 18:00 Tue yours');
    expect(text).toContain('reply due 13:00 Tue their time · 22:00 Tue yours (today)');

    // Another recipient instead: the preview is asked with them, and the rows follow.
    pick(form, 'Ask for a reply', 'Tomo Tokyo');
    fireEvent.click(within(form).getByRole('button', { name: 'Remove Sam Francisco' }));
    await waitFor(() =>
      expect(previews(requests).at(-1)!.body).toEqual({ asks: [{ personId: 'p-tomo', level: 'today' }] }),
    );
    const tomo = await within(form).findByText('Tomo Tokyo', { selector: '.landing-name' });
    expect(tomo.closest('li')!.textContent).toContain('lands 02:00 Wed their time · 18:00 Tue yours');
    await waitFor(() =>
      expect(within(form).queryByText('Sam Francisco', { selector: '.landing-name' })).toBeNull(),
    );
    // Debounced: the two quick changes made one request, not two.
    expect(previews(requests).filter((r) => JSON.stringify(r.body).includes('p-sam'))).toHaveLength(1);
  });

  it('shows the interrupts left this week when the switch is on, and needs a reason to send', async () => {
    const { requests } = renderApp('/channels/c-1', routes());
    const form = await openComposer();
    fireEvent.click(within(form).getByRole('switch', { name: /Interrupt/ }));
    expect(await within(form).findByText(/2 of 3 interrupts left this week/)).toBeTruthy();
    expect(previews(requests).at(-1)!.body).toHaveProperty('interrupt');
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Release' } });
    fireEvent.change(within(form).getByLabelText('First post'), { target: { value: 'The build is red' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start thread' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/why it cannot wait/i);
    expect(requests.some((r) => r.path === '/api/v1/channels/c-1/threads' && r.method === 'POST')).toBe(
      false,
    );
  });

  it('keeps the draft through a reload, sends it as a new thread and clears it', async () => {
    const thread = {
      id: 't-9',
      channelId: 'c-1',
      title: 'Launch plan',
      authorId: 'p-owner',
      createdAt: '2026-11-30T16:00:00Z',
      lastPostAt: '2026-11-30T16:00:00Z',
      isFollowing: true,
    };
    const extra: FakeRoutes = {
      'POST /api/v1/channels/c-1/threads': (request) => ({
        status: 201,
        body: {
          thread,
          post: { id: 'post-1', threadId: 't-9', channelId: 'c-1', ...(request.body as object) },
        },
      }),
      'GET /api/v1/threads/t-9': () => ({ status: 200, body: thread }),
      'GET /api/v1/threads/t-9/posts': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'POST /api/v1/threads/t-9/landing-preview': () => ({
        status: 200,
        body: { recipients: [], interruptBudget: null },
      }),
    };
    renderApp('/channels/c-1', routes(extra));
    let form = await openComposer();
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Launch plan' } });
    fireEvent.change(within(form).getByLabelText('First post'), { target: { value: 'Ship **Thursday**' } });
    pick(form, 'Mention', 'Tomo Tokyo');
    cleanup();

    // "Reload": the composer opens by itself with the draft.
    const { requests } = renderApp('/channels/c-1', routes(extra));
    form = await screen.findByRole('form', { name: 'New thread' }, { timeout: 5000 });
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('Launch plan');
    expect((within(form).getByLabelText('First post') as HTMLTextAreaElement).value).toBe(
      'Ship **Thursday**',
    );
    await waitFor(() =>
      expect(within(form).getByRole('list', { name: 'Mention: picked' }).textContent).toContain('Tomo Tokyo'),
    );

    fireEvent.click(within(form).getByRole('button', { name: 'Start thread' }));
    expect(await screen.findByRole('heading', { name: 'Launch plan', level: 1 })).toBeTruthy();
    const sent = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/channels/c-1/threads')!;
    expect(sent.body).toEqual({ title: 'Launch plan', markdown: 'Ship **Thursday**', mentions: ['p-tomo'] });
    expect(globalThis.location.pathname).toBe('/threads/t-9');
    expect(localStorage.getItem('meanwhile:draft:channel:c-1')).toBeNull();
  });
});
