// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes, SentRequest } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { berlinRhythm, inboxItem, openAsk, people, threadAnswer } from './inbox-fixtures';
import type { InboxItem } from './inbox-order';
import { layOutInbox } from './inbox-order';

afterEach(cleanup);
// Waits generously: the screen's chunk and data load lazily, and the machine is shared.
configure({ asyncUtilTimeout: 15_000 });

// Two threads and two asks, listed by the fake server in no useful order.
const postEarly = inboxItem('d-early', 't-launch', '2027-03-08T08:00:00.000Z');
const postLate = inboxItem('d-late', 't-hiring', '2027-03-08T11:00:00.000Z');
const postMid = inboxItem('d-mid', 't-launch', '2027-03-08T10:00:00.000Z');
const askLater = inboxItem('d-ask-later', 't-hiring', '2027-03-08T09:00:00.000Z', {
  ask: openAsk('a-2', '2027-03-09T15:00:00.000Z', 'soon'),
});
const askSooner = inboxItem('d-ask-sooner', 't-launch', '2027-03-08T09:30:00.000Z', {
  authorId: 'p-sam',
  ask: openAsk('a-1', '2027-03-09T10:00:00.000Z'),
  interrupt: { reason: 'Prod is down <img src=x onerror=alert(1)>', emergency: false },
});

function inboxRoutes(items: () => InboxItem[], extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: items(), nextCursor: null } }),
    'GET /api/v1/people': () => ({ status: 200, body: people }),
    'GET /api/v1/me/rhythm': () => ({ status: 200, body: berlinRhythm }),
    'GET /api/v1/threads/*': (request: SentRequest) => ({
      status: 200,
      body: threadAnswer(request.path.split('/').pop()!),
    }),
    ...extra,
  };
}

/** The titles of the items in the list, top to bottom, by section. */
function itemTitles(section: HTMLElement): string[] {
  return within(section)
    .getAllByRole('article')
    .map((article) => article.querySelector('.inbox-item-title')!.textContent!);
}

const section = (name: string) => screen.getByRole('region', { name });

describe('layOutInbox', () => {
  it('puts open asks first by due time, then threads by their latest delivery, newest first inside', () => {
    const layout = layOutInbox([postEarly, askLater, postLate, askSooner, postMid]);
    expect(layout.asks.map((i) => i.id)).toEqual(['d-ask-sooner', 'd-ask-later']);
    expect(layout.threads.map((g) => [g.threadId, g.items.map((i) => i.id)])).toEqual([
      ['t-hiring', ['d-late']],
      ['t-launch', ['d-mid', 'd-early']],
    ]);
  });

  it('files answered asks and asks without a due time under their thread', () => {
    const answered = inboxItem('d-answered', 't-launch', '2027-03-08T12:00:00.000Z', {
      ask: { ...openAsk('a-3', '2027-03-09T08:00:00.000Z'), state: 'answered' },
    });
    const fyi = inboxItem('d-fyi', 't-hiring', '2027-03-08T07:00:00.000Z', {
      ask: { id: 'a-4', level: 'fyi', state: 'open', dueAt: null },
    });
    const layout = layOutInbox([fyi, answered, askSooner]);
    expect(layout.asks.map((i) => i.id)).toEqual(['d-ask-sooner']);
    expect(layout.threads.map((g) => g.items.map((i) => i.id))).toEqual([['d-answered'], ['d-fyi']]);
  });
});

describe('the inbox screen', () => {
  it('shows asks by due time in my time, then threads grouped, with interrupts and names as text', async () => {
    renderApp(
      '/inbox',
      inboxRoutes(() => [postEarly, askLater, postLate, askSooner, postMid]),
    );
    await screen.findByRole('heading', { name: 'Asks for you, by due time' });
    await waitFor(() =>
      expect(itemTitles(section('Asks for you, by due time'))).toEqual([
        'Ask from Sam <b>Rivera</b> in Launch plan',
        'Ask from Olivia Owner in Hiring <script>',
      ]),
    );
    const asks = within(section('Asks for you, by due time')).getAllByRole('article');
    // 10:00 UTC is 11:00 in Berlin (my rhythm's zone), whatever the machine's zone.
    expect(asks[0]!.textContent).toContain('due Tue 11:00 your time');
    expect(asks[1]!.textContent).toContain('due Tue 16:00 your time');
    expect(asks[0]!.querySelector('.inbox-interrupt')!.textContent).toBe(
      'Interrupt: Prod is down <img src=x onerror=alert(1)>',
    );
    expect(document.querySelector('img')).toBeNull();

    const threads = section('Threads');
    const groups = within(threads).getAllByRole('heading', { level: 3 });
    expect(groups.map((h) => h.textContent)).toEqual(['Hiring <script> · 1 item', 'Launch plan · 2 items']);
    expect(itemTitles(section('Launch plan · 2 items'))).toEqual([
      'Olivia Owner posted',
      'Olivia Owner posted',
    ]);
    const launchItems = within(section('Launch plan · 2 items')).getAllByRole('article');
    expect(launchItems.map((a) => a.dataset.itemId)).toEqual(['d-mid', 'd-early']);
    expect(launchItems[0]!.textContent).toContain('arrived Mon 11:00');
  });

  it('shows a check-in item with its questions as text and an answer link to the check-ins', async () => {
    const checkin = inboxItem('d-checkin', 't-launch', '2027-03-08T11:00:00.000Z', {
      kind: 'checkin',
      checkin: {
        checkinId: 'ck-1',
        askId: 'cka-1',
        title: 'Daily',
        date: '2027-03-08',
        questions: ['What did you finish?', 'What is in <b>your</b> way?'],
        answered: false,
      },
    });
    renderApp(
      '/inbox',
      inboxRoutes(() => [postEarly, checkin]),
    );
    await waitFor(() =>
      expect(itemTitles(section('Launch plan · 2 items'))).toEqual([
        'Check-in: What did you finish? · What is in <b>your</b> way? · answer',
        'Olivia Owner posted',
      ]),
    );
    const article = document.querySelector('[data-item-id="d-checkin"]')!;
    const link = within(article as HTMLElement).getByRole('link', { name: 'answer' });
    expect(link.getAttribute('href')).toBe('/checkins');
    expect(article.querySelector('b')).toBeNull();
  });

  it('moves an item to “Done just now” on done, and back into its thread on undo', async () => {
    let items = [postEarly, postMid, askSooner];
    const { requests } = renderApp(
      '/inbox',
      inboxRoutes(() => items, {
        'POST /api/v1/inbox/*': (request) => {
          const [, , , , id, action] = request.path.split('/');
          if (action === 'done') items = items.filter((i) => i.id !== id);
          if (action === 'undone') items = [...items, postMid];
          return {
            status: 200,
            body: { id, state: action === 'done' ? 'done' : 'delivered', snoozedUntil: null },
          };
        },
      }),
    );
    const launch = await screen.findByRole('region', { name: 'Launch plan · 2 items' });
    const mid = within(launch).getAllByRole('article')[0]!;
    fireEvent.click(within(mid).getByRole('button', { name: 'Done' }));

    const done = await screen.findByRole('region', { name: 'Done just now' });
    expect(itemTitles(done)).toEqual(['Olivia Owner posted in Launch plan']);
    expect(
      within(section('Launch plan · 1 item'))
        .getAllByRole('article')
        .map((a) => a.dataset.itemId),
    ).toEqual(['d-early']);
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/api/v1/inbox/d-mid/done',
    ]);
    expect(screen.getByRole('status').textContent).toContain('Marked done');

    fireEvent.click(within(done).getByRole('button', { name: 'Undo done' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Done just now' })).toBeNull());
    await waitFor(() =>
      expect(
        within(section('Launch plan · 2 items'))
          .getAllByRole('article')
          .map((a) => a.dataset.itemId),
      ).toEqual(['d-mid', 'd-early']),
    );
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/api/v1/inbox/d-mid/done',
      '/api/v1/inbox/d-mid/undone',
    ]);
  });

  it('snoozes to my next slot (no time sent) and says until when', async () => {
    let items = [postEarly, postMid];
    const { requests } = renderApp(
      '/inbox',
      inboxRoutes(() => items, {
        'POST /api/v1/inbox/d-early/snooze': () => {
          items = [postMid];
          return {
            status: 200,
            body: { id: 'd-early', state: 'delivered', snoozedUntil: '2027-03-09T08:00:00.000Z' },
          };
        },
      }),
    );
    const launch = await screen.findByRole('region', { name: 'Launch plan · 2 items' });
    const early = within(launch).getAllByRole('article')[1]!;
    fireEvent.click(within(early).getByRole('button', { name: 'Snooze to my next slot' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Snoozed until Tue 09:00 your time: it comes back to your inbox then.',
      ),
    );
    expect(
      within(section('Launch plan · 1 item'))
        .getAllByRole('article')
        .map((a) => a.dataset.itemId),
    ).toEqual(['d-mid']);
    const snooze = requests.find((r) => r.path === '/api/v1/inbox/d-early/snooze')!;
    expect(snooze.body).toEqual({});
  });

  it('moves with j and k, marks the focused item done with e and focuses the next one', async () => {
    let items = [postEarly, postMid, askSooner];
    const { requests } = renderApp(
      '/inbox',
      inboxRoutes(() => items, {
        'POST /api/v1/inbox/*': (request) => {
          const id = request.path.split('/')[4];
          items = items.filter((i) => i.id !== id);
          return { status: 200, body: { id, state: 'done', snoozedUntil: null } };
        },
      }),
    );
    await screen.findByRole('region', { name: 'Launch plan · 2 items' });
    const key = (k: string) => fireEvent.keyDown(document.body, { key: k });
    const focusedId = () => (document.activeElement as HTMLElement).dataset.itemId;
    key('j');
    expect(focusedId()).toBe('d-ask-sooner');
    key('j');
    key('j');
    expect(focusedId()).toBe('d-early');
    key('j'); // stays on the last
    expect(focusedId()).toBe('d-early');
    key('k');
    expect(focusedId()).toBe('d-mid');
    await act(async () => key('e'));
    await waitFor(() => expect(requests.some((r) => r.path === '/api/v1/inbox/d-mid/done')).toBe(true));
    await screen.findByRole('region', { name: 'Done just now' });
    // The item that took its place has the focus.
    await waitFor(() => expect(focusedId()).toBe('d-early'));
  });

  it('says so when the inbox is empty, and shows the server’s reason when it fails', async () => {
    renderApp(
      '/inbox',
      inboxRoutes(() => []),
    );
    expect(await screen.findByText(/Nothing in your inbox/)).toBeTruthy();
    cleanup();
    renderApp(
      '/inbox',
      inboxRoutes(() => [], {
        'GET /api/v1/inbox': () => ({
          status: 500,
          body: { status: 500, code: 'internal', detail: 'The inbox is unavailable.' },
        }),
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('The inbox is unavailable.');
  });
});
