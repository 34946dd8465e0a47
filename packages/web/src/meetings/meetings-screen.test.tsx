// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeAnswer, FakeRoutes, SentRequest } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { isInsideSyncTime, localInputToMs, msToLocalInput } from './meeting-time';

// Only Date is faked: "now" is Monday 30 November 2026, 09:00 UTC (10:00 in Berlin, where I am).
const nowMs = Date.parse('2026-11-30T09:00:00Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(nowMs);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const person = (id: string, displayName: string) => ({
  id,
  displayName,
  email: `${id}@example.com`,
  role: 'member',
  joinedAt: 0,
  deactivatedAt: null,
});
const zones: Record<string, string> = {
  'p-owner': 'Europe/Berlin',
  'p-ana': 'America/New_York',
  'p-kenji': 'Asia/Tokyo',
};
// Ana's notice has passed at 09:00 Tue in New York; Kenji's at 09:00 Wed in Tokyo.
const earliest: Record<string, string> = {
  'p-ana': '2026-12-01T14:00:00.000Z',
  'p-kenji': '2026-12-02T00:00:00.000Z',
};

const meeting = {
  id: 'm-1',
  title: 'Roadmap <sync>',
  organiserId: 'p-ana',
  agendaThreadId: 't-agenda',
  startsAt: '2026-12-01T14:00:00.000Z',
  endsAt: '2026-12-01T14:30:00.000Z',
  durationMinutes: 30,
  isOutsideSyncWindow: false,
  outsideWindowReason: null,
  state: 'scheduled',
  lateChanges: 1,
  requestedAt: '2026-11-27T09:00:00.000Z',
  notesPromptedAt: null,
  invitees: [
    { personId: 'p-owner', response: 'pending', respondedAt: null },
    { personId: 'p-kenji', response: 'maybe', respondedAt: '2026-11-28T09:00:00.000Z' },
  ],
};

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/events*': () => ({ status: 404 }),
    'GET /api/v1/channels': () => ({
      status: 200,
      body: {
        items: [
          {
            id: 'c-design',
            name: 'design',
            description: '',
            visibility: 'public',
            createdBy: 'p-owner',
            createdAt: '2026-01-01T00:00:00Z',
            archivedAt: null,
            isMember: true,
          },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/channels/c-design/threads': () => ({
      status: 200,
      body: {
        items: [
          {
            id: 't-agenda',
            channelId: 'c-design',
            title: 'Q1 roadmap agenda',
            authorId: 'p-owner',
            createdAt: '2026-11-20T09:00:00Z',
            lastPostAt: '2026-11-20T09:00:00Z',
            isFollowing: true,
          },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/me/rhythm': () => ({
      status: 200,
      body: { rhythm: { timeZone: 'Europe/Berlin', week, exceptions: [] }, focus: week },
    }),
    'GET /api/v1/people': () => ({
      status: 200,
      body: {
        items: [person('p-owner', 'Ada Owner'), person('p-ana', 'Ana <NY>'), person('p-kenji', 'Kenji')],
        nextCursor: null,
      },
    }),
    'GET /api/v1/availability': () => ({
      status: 200,
      body: {
        from: '2026-11-30T09:00:00Z',
        to: '2026-11-30T10:00:00Z',
        people: Object.entries(zones).map(([personId, timeZone]) => ({
          personId,
          displayName: personId,
          timeZone,
          now: {
            status: 'working',
            localDate: '2026-11-30',
            localTime: '10:00',
            utcOffsetMinutes: 60,
            nextSlotAtMs: null,
            nextSlotAt: null,
          },
          intervals: [],
        })),
      },
    }),
    'GET /api/v1/agreement': () => ({
      status: 200,
      body: {
        version: 3,
        agreement: {
          replyWindows: { today: 4, soon: 16, normal: 40, fyi: null },
          interruptionBudget: 2,
          emergencyRoles: ['owner'],
          allowChannelMentions: false,
          digestTimes: ['09:00'],
          meetingNoticeHours: 16,
          decisionWindowHours: 40,
          syncWindows: [{ timeZone: 'Europe/Berlin', day: 'tue', hours: '15:00-17:00' }],
          meetingDays: [],
        },
        changedBy: 'p-owner',
        changedAt: '2026-11-01T09:00:00Z',
        reason: 'sync time',
      },
    }),
    'GET /api/v1/meetings': () => ({ status: 200, body: { items: [] } }),
    'GET /api/v1/meetings/notice': (request) => {
      const ids = new URLSearchParams(request.search).get('invitees')!.split(',');
      const starts = ids.map((id) => earliest[id]!);
      return {
        status: 200,
        body: {
          noticeHours: 16,
          earliestStart: [...starts].sort().at(-1),
          invitees: ids.map((personId, i) => ({ personId, earliestStart: starts[i] })),
        },
      };
    },
    ...extra,
  };
}

async function pickInvitee(name: string) {
  const form = screen.getByRole('form', { name: 'Request a meeting' });
  fireEvent.change(within(form).getByRole('combobox', { name: 'Invitees' }), { target: { value: name } });
  fireEvent.mouseDown(await within(form).findByRole('option', { name }));
}

async function fillTheRest(start: string) {
  const form = screen.getByRole('form', { name: 'Request a meeting' });
  fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Plan Q1' } });
  fireEvent.change(within(form).getByLabelText('Channel'), { target: { value: 'c-design' } });
  await within(form).findByRole('option', { name: 'Q1 roadmap agenda' });
  fireEvent.change(within(form).getByLabelText('Thread'), { target: { value: 't-agenda' } });
  fireEvent.change(within(form).getByLabelText('Start (your time)'), { target: { value: start } });
}

const posts = (requests: SentRequest[]) =>
  requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/meetings');

describe('the meeting request form', () => {
  it("shows each invitee's earliest allowed start in their time and mine, asked again as invitees change", async () => {
    const { requests } = renderApp('/meetings', routes());
    await screen.findByRole('heading', { name: 'Meetings', level: 1 }, { timeout: 5000 });
    expect(screen.getByText('Pick invitees to see when each may be met at the earliest.')).toBeTruthy();

    await pickInvitee('Ana <NY>');
    const list = await screen.findByRole('list', { name: 'Earliest allowed start for each invitee' });
    await waitFor(() =>
      expect(list.textContent).toBe('Ana <NY>: 09:00 Tue for Ana <NY> · 15:00 Tue for you'),
    );

    await pickInvitee('Kenji');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')[1]!.textContent).toBe(
        'Kenji: 09:00 Wed for Kenji · 01:00 Wed for you',
      ),
    );
    expect(screen.getByText(/Earliest for everyone: 01:00 Wed your time/)).toBeTruthy();
    const asked = requests
      .filter((r) => r.path === '/api/v1/meetings/notice')
      .map((r) => new URLSearchParams(r.search).get('invitees'));
    expect(asked).toEqual(['p-ana', 'p-ana,p-kenji']);

    // Removing Ana leaves Kenji alone; "Use the earliest start" fills the field in my time.
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ana <NY>' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Use the earliest start' }));
    expect((screen.getByLabelText('Start (your time)') as HTMLInputElement).value).toBe('2026-12-02T01:00');
  });

  it('marks a start outside every sync window and then requires a written reason, sent with the request', async () => {
    const { requests } = renderApp(
      '/meetings',
      routes({
        'POST /api/v1/meetings': (r) => ({ status: 201, body: { ...meeting, ...(r.body as object) } }),
      }),
    );
    await screen.findByRole('heading', { name: 'Meetings', level: 1 }, { timeout: 5000 });
    await pickInvitee('Ana <NY>');
    // Tue 15:00 in Berlin: inside the window (Tue 15:00–17:00 Berlin).
    await fillTheRest('2026-12-01T15:00');
    await screen.findByText('Inside a sync window.');
    expect(screen.queryByLabelText(/Why outside the sync windows/)).toBeNull();

    // Tue 16:45 for 30 minutes runs past 17:00: outside.
    fireEvent.change(screen.getByLabelText('Start (your time)'), { target: { value: '2026-12-01T16:45' } });
    await screen.findByText(/Outside every sync window: say below why/);
    fireEvent.click(screen.getByRole('button', { name: 'Request meeting' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The start is outside every sync window: give a written reason.',
    );
    expect(posts(requests)).toEqual([]);

    fireEvent.change(screen.getByLabelText('Why outside the sync windows (required)'), {
      target: { value: 'The launch cannot wait a week' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Request meeting' }));
    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]!.body).toEqual({
      title: 'Plan Q1',
      invitees: ['p-ana'],
      durationMinutes: 30,
      agendaThreadId: 't-agenda',
      startsAt: '2026-12-01T15:45:00.000Z',
      outsideWindowReason: 'The launch cannot wait a week',
    });
    await screen.findByText(/Meeting “Plan Q1” requested/);
  });

  it('sends no reason inside a window, and shows the server’s refusal with the earliest allowed start beside the field', async () => {
    const refusal: FakeAnswer = {
      status: 422,
      body: {
        status: 422,
        code: 'meeting_notice_too_short',
        title: 'Unprocessable',
        detail: 'startsAt must be at or after 2026-12-01T14:00:00.000Z: the earliest start …',
        errors: [
          {
            path: 'body.startsAt',
            message:
              'must be at or after 2026-12-01T14:00:00.000Z: the earliest start that gives every invitee 16 working hours of notice',
          },
        ],
      },
    };
    const { requests } = renderApp('/meetings', routes({ 'POST /api/v1/meetings': () => refusal }));
    await screen.findByRole('heading', { name: 'Meetings', level: 1 }, { timeout: 5000 });
    await pickInvitee('Ana <NY>');
    await fillTheRest('2026-12-01T15:00');
    fireEvent.click(screen.getByRole('button', { name: 'Request meeting' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Earliest allowed start: 15:00 Tue your time.');
    expect(posts(requests)[0]!.body).not.toHaveProperty('outsideWindowReason');
    const start = screen.getByLabelText('Start (your time)') as HTMLInputElement;
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(start.getAttribute('aria-describedby')).toContain(alert.id);
    fireEvent.change(start, { target: { value: '2026-12-01T16:00' } });
    fireEvent.click(within(alert).getByRole('button', { name: 'Use this start' }));
    expect(start.value).toBe('2026-12-01T15:00');
  });

  it('needs an agenda thread', async () => {
    const { requests } = renderApp('/meetings', routes());
    await screen.findByRole('heading', { name: 'Meetings', level: 1 }, { timeout: 5000 });
    await pickInvitee('Kenji');
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Plan' } });
    fireEvent.change(screen.getByLabelText('Start (your time)'), { target: { value: '2026-12-08T15:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Request meeting' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Pick the thread that holds the agenda');
    expect(posts(requests)).toEqual([]);
  });
});

describe('my meetings', () => {
  it('lists a meeting I am invited to with the answers and its late change; I answer yes', async () => {
    let answered = meeting;
    const { requests } = renderApp(
      '/meetings',
      routes({
        'GET /api/v1/meetings': () => ({ status: 200, body: { items: [answered] } }),
        'POST /api/v1/meetings/m-1/response': () => {
          answered = {
            ...meeting,
            invitees: [
              { personId: 'p-owner', response: 'yes', respondedAt: '2026-11-30T09:00:00Z' },
              meeting.invitees[1]!,
            ],
          };
          return { status: 200, body: answered };
        },
      }),
    );
    const item = await screen.findByRole('article', { name: /Roadmap <sync>/ });
    expect(within(item).getByText('Changed late')).toBeTruthy();
    expect(item.textContent).toContain('15:00 Tue–15:30 Tue your time · 30 minutes · organised by Ana <NY>');
    const answers = within(item).getByRole('list', { name: 'Answers to Roadmap <sync>' });
    expect(answers.textContent).toBe('You: no answer yetKenji: maybe');
    // I am the owner: I may move or cancel it too (an admin's right), though Ana organised it.
    expect(within(item).getByRole('button', { name: 'Move…' })).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(answers.textContent).toBe('You: yesKenji: maybe'));
    const sent = requests.find((r) => r.path === '/api/v1/meetings/m-1/response');
    expect(sent?.body).toEqual({ response: 'yes' });
    expect(within(item).getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).toBe('true');
    // Not the organiser: no prompt for notes.
    expect(item.querySelector('.meeting-notes-prompt')).toBeNull();
  });

  it('prompts me, the organiser, once the meeting is over, to post its notes in the agenda thread', async () => {
    const mine = { ...meeting, organiserId: 'p-owner', notesPromptedAt: '2026-12-01T14:30:00.000Z' };
    renderApp(
      '/meetings',
      routes({ 'GET /api/v1/meetings': () => ({ status: 200, body: { items: [mine] } }) }),
    );
    const item = await screen.findByRole('article', { name: /Roadmap <sync>/ });
    const prompt = item.querySelector('.meeting-notes-prompt');
    expect(prompt?.textContent).toContain('The meeting is over: post its notes');
    expect(
      within(prompt as HTMLElement)
        .getByRole('link', { name: 'the agenda thread' })
        .getAttribute('href'),
    ).toBe('/threads/t-agenda');
  });
});

describe('meeting time arithmetic', () => {
  it('reads a local input in a zone across a DST change and back', () => {
    // 29 March 2026: Berlin goes from +01:00 to +02:00 at 02:00.
    expect(new Date(localInputToMs('2026-03-28T12:00', 'Europe/Berlin')!).toISOString()).toBe(
      '2026-03-28T11:00:00.000Z',
    );
    expect(new Date(localInputToMs('2026-03-30T12:00', 'Europe/Berlin')!).toISOString()).toBe(
      '2026-03-30T10:00:00.000Z',
    );
    expect(msToLocalInput(Date.parse('2026-03-30T10:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30T12:00');
    expect(localInputToMs('nonsense', 'Europe/Berlin')).toBeNull();
  });

  it('is inside a window only when the whole meeting is, and never on a no-meeting day', () => {
    const windows = [{ timeZone: 'Asia/Tokyo', day: 'wed', hours: '09:00-24:00' }];
    const at = (iso: string) => Date.parse(iso);
    // Wed 09:00–10:00 Tokyo.
    expect(isInsideSyncTime(windows, [], at('2026-12-02T00:00:00Z'), at('2026-12-02T01:00:00Z'))).toBe(true);
    // Wed 08:30–09:30 Tokyo: starts before.
    expect(isInsideSyncTime(windows, [], at('2026-12-01T23:30:00Z'), at('2026-12-02T00:30:00Z'))).toBe(false);
    // Wed 23:00–24:00 Tokyo ends at the window's 24:00.
    expect(isInsideSyncTime(windows, [], at('2026-12-02T14:00:00Z'), at('2026-12-02T15:00:00Z'))).toBe(true);
    // Wed 23:30–Thu 00:30 Tokyo: past it.
    expect(isInsideSyncTime(windows, [], at('2026-12-02T14:30:00Z'), at('2026-12-02T15:30:00Z'))).toBe(false);
    const noMeetings = [{ timeZone: 'America/New_York', day: 'wed', kind: 'no-meeting' as const }];
    expect(
      isInsideSyncTime(windows, noMeetings, at('2026-12-02T00:00:00Z'), at('2026-12-02T01:00:00Z')),
    ).toBe(true); // Still Tuesday in New York.
    expect(
      isInsideSyncTime(windows, noMeetings, at('2026-12-02T09:00:00Z'), at('2026-12-02T10:00:00Z')),
    ).toBe(false);
    const syncDay = [{ timeZone: 'Europe/Berlin', day: 'fri', kind: 'sync' as const }];
    expect(isInsideSyncTime([], syncDay, at('2026-12-04T08:00:00Z'), at('2026-12-04T09:00:00Z'))).toBe(true);
  });
});
