// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, configure, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { berlinRhythm, inboxItem, openAsk, people, threadAnswer } from '../inbox/inbox-fixtures';
import type { InboxItem } from '../inbox/inbox-order';
import { signedInMe } from '../test-support/fake-server';
import type { SentRequest } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { applyLiveEvent, reopenDelayMs, useLiveEvents } from './live-events';
import { queryKeys } from './query-keys';

// Waits generously: the screen's chunk and data load lazily, and the machine is shared.
configure({ asyncUtilTimeout: 15_000 });

/** A stand-in for the browser's EventSource: records each stream; a test plays the server. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string; lastEventId: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly init?: { withCredentials?: boolean },
  ) {
    FakeEventSource.opened.push(this);
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  send(id: string, type: string, payload: Record<string, unknown>) {
    const data = JSON.stringify({ id, type, createdAt: '2027-03-08T17:00:00.000Z', payload });
    this.onmessage?.({ data, lastEventId: id });
  }
  refuse() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('live events', () => {
  it('opens one stream for the signed-in app, and a delivery appears in the open inbox', async () => {
    let items: InboxItem[] = [];
    const { requests } = renderApp('/inbox', {
      'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
      'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'GET /api/v1/inbox': () => ({ status: 200, body: { items, nextCursor: null } }),
      'GET /api/v1/people': () => ({ status: 200, body: people }),
      'GET /api/v1/me/rhythm': () => ({ status: 200, body: berlinRhythm }),
      'GET /api/v1/threads/*': (request: SentRequest) => ({
        status: 200,
        body: threadAnswer(request.path.split('/').pop()!),
      }),
    });
    expect(await screen.findByText(/Nothing in your inbox/)).toBeTruthy();
    expect(FakeEventSource.opened.map((s) => [s.url, s.init?.withCredentials])).toEqual([
      ['/api/v1/events', true],
    ]);
    const stream = FakeEventSource.opened[0]!;
    act(() => stream.open());
    const heading = screen.getByRole('heading', { name: 'Inbox', level: 1 });
    heading.focus();

    items = [
      inboxItem('d-1', 't-launch', '2027-03-08T17:00:00.000Z', {
        ask: openAsk('a-1', '2027-03-08T21:00:00Z'),
      }),
    ];
    act(() => stream.send('41', 'inbox.delivered', { deliveryId: 'd-1', threadId: 't-launch' }));
    const asks = await screen.findByRole('region', { name: 'Asks for you, by due time' });
    await waitFor(() => expect(within(asks).getByRole('article').textContent).toContain('Launch plan'));
    expect(within(asks).getByRole('article').textContent).toContain('due Mon 22:00 your time');
    expect(screen.getByRole('status').textContent).toBe('1 new item in your inbox.');
    // The focus stayed where it was; the sidebar's count was refreshed too.
    expect(document.activeElement).toBe(heading);
    await waitFor(() => expect(screen.getByLabelText('1 items')).toBeTruthy());
    expect(requests.filter((r) => r.path === '/api/v1/inbox').length).toBeGreaterThanOrEqual(4);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('refreshes the inbox, waiting and the thread’s queries, and leaves other threads alone', async () => {
    const queryClient = new QueryClient();
    const keys = [queryKeys.inboxItems, queryKeys.waiting, ['threads', 't-1', 'posts'], ['threads', 't-2']];
    for (const key of keys) queryClient.setQueryData(key, 'cached');
    applyLiveEvent(queryClient, {
      id: '1',
      type: 'inbox.delivered',
      createdAt: '2027-03-08T17:00:00.000Z',
      payload: { threadId: 't-1' },
    });
    expect(keys.map((key) => queryClient.getQueryState(key)!.isInvalidated)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('opens a new stream from the last event seen when the server closes it, and closes on unmount', () => {
    vi.useFakeTimers();
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { unmount } = renderHook(() => useLiveEvents(), { wrapper });
    const first = FakeEventSource.opened[0]!;
    act(() => {
      first.open();
      first.send('7', 'inbox.delivered', { threadId: 't-1' });
      first.refuse();
    });
    vi.advanceTimersByTime(reopenDelayMs - 1);
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual([
      '/api/v1/events',
      '/api/v1/events?lastEventId=7',
    ]);
    const second = FakeEventSource.opened[1]!;
    unmount();
    expect(second.readyState).toBe(FakeEventSource.CLOSED);
    vi.advanceTimersByTime(reopenDelayMs * 2);
    expect(FakeEventSource.opened).toHaveLength(2);
  });
});
