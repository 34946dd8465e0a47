// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { startOfLocalDay, statusAt, teamOverlap } from './time-map-model';

// Only Date is faked: "now" is Thursday 26 November 2026, 12:00 UTC (13:00 in Berlin).
const nowMs = Date.parse('2026-11-26T12:00:00Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(nowMs);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const at = (iso: string) => Date.parse(iso);
const interval = (kind: string, start: string, end: string) => ({
  kind,
  startMs: at(start),
  endMs: at(end),
  start,
  end,
});
const presence = (status: string) => ({
  status,
  localDate: '2026-11-26',
  localTime: '13:00',
  utcOffsetMinutes: 60,
  nextSlotAtMs: null,
  nextSlotAt: null,
});

const ada = {
  personId: 'p-owner',
  displayName: 'Ada Owner',
  timeZone: 'Europe/Berlin',
  now: presence('working'),
  // Berlin 09:00–17:00 with focus 09:00–11:00.
  intervals: [
    interval('focus', '2026-11-26T08:00:00Z', '2026-11-26T10:00:00Z'),
    interval('working', '2026-11-26T10:00:00Z', '2026-11-26T16:00:00Z'),
  ],
};
const sam = {
  personId: 'p-sam',
  displayName: 'Sam <New York>',
  timeZone: 'America/New_York',
  now: presence('not-working'),
  // New York 09:00–17:00.
  intervals: [interval('working', '2026-11-26T14:00:00Z', '2026-11-26T22:00:00Z')],
};
const kim = {
  personId: 'p-kim',
  displayName: 'Kim',
  timeZone: 'Asia/Tokyo',
  now: presence('off'),
  intervals: [interval('off', '2026-11-26T00:00:00Z', '2026-11-26T08:00:00Z')],
};

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({
      status: 200,
      body: {
        items: [
          {
            id: 'c-design',
            name: 'design',
            description: '',
            visibility: 'public',
            createdBy: 'p',
            createdAt: '2026-01-01T00:00:00Z',
            archivedAt: null,
            isMember: true,
          },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/me/rhythm': () => ({
      status: 200,
      body: {
        rhythm: {
          timeZone: 'Europe/Berlin',
          week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
          exceptions: [],
        },
        focus: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        delivery: { mode: 'as-they-come', batchTimes: [] },
        isDefault: false,
        updatedAt: null,
      },
    }),
    'GET /api/v1/availability': (request) => {
      const channelId = new URLSearchParams(request.search).get('channelId');
      const people = channelId === 'c-design' ? [sam, ada] : [sam, ada, kim];
      return { status: 200, body: { from: '', to: '', people } };
    },
    ...extra,
  };
}

describe('the time map model', () => {
  it('finds local midnight in a zone, DST days included', () => {
    expect(new Date(startOfLocalDay(nowMs, 'Europe/Berlin')).toISOString()).toBe('2026-11-25T23:00:00.000Z');
    expect(new Date(startOfLocalDay(nowMs, 'America/New_York')).toISOString()).toBe(
      '2026-11-26T05:00:00.000Z',
    );
    // 29 March 2026, Berlin springs forward at 02:00: the day began at 00:00 CET.
    expect(new Date(startOfLocalDay(at('2026-03-29T20:00:00Z'), 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });

  it('overlaps only working time, not focus or off', () => {
    const window = { startMs: at('2026-11-26T00:00:00Z'), endMs: at('2026-11-27T00:00:00Z') };
    expect(teamOverlap([ada, sam], window)).toEqual([
      { startMs: at('2026-11-26T14:00:00Z'), endMs: at('2026-11-26T16:00:00Z') },
    ]);
    expect(teamOverlap([ada, sam, kim], window)).toEqual([]);
  });
});

describe('the status beside each row', () => {
  it('is read off the intervals at the instant asked', () => {
    expect(statusAt(ada.intervals, at('2026-11-26T09:00:00Z'))).toBe('focus');
    expect(statusAt(ada.intervals, at('2026-11-26T10:00:00Z'))).toBe('working');
    expect(statusAt(ada.intervals, at('2026-11-26T16:00:00Z'))).toBe('not-working');
    expect(statusAt(kim.intervals, at('2026-11-26T03:00:00Z'))).toBe('off');
    expect(statusAt([], nowMs)).toBe('not-working');
  });

  it('does not call someone "working now" at 01:00 their time because of an older answer', async () => {
    // 09:00 UTC: 01:00 in San Francisco, 10:00 in Berlin. The server's `now` says working (an answer taken
    // hours before, while the page stayed open), but Lee's bar ends at 17:00 San Francisco time.
    vi.setSystemTime(at('2026-11-26T09:00:00Z'));
    const lee = {
      personId: 'p-lee',
      displayName: 'Lee',
      timeZone: 'America/Los_Angeles',
      now: presence('working'),
      intervals: [interval('working', '2026-11-25T17:00:00Z', '2026-11-26T01:00:00Z')],
    };
    const onDayOff = { ...kim, now: { ...presence('off'), localDate: '2026-11-26' } };
    renderApp(
      '/time-map',
      routes({
        'GET /api/v1/availability': () => ({
          status: 200,
          body: { from: '', to: '', people: [ada, lee, onDayOff] },
        }),
      }),
    );
    const map = await screen.findByRole('list', { name: 'People and their hours' }, { timeout: 5000 });
    const row = (id: string) => map.querySelector(`[data-person="${id}"]`)!.textContent ?? '';
    expect(row('p-lee')).toContain('Thu 01:00 in Los Angeles');
    expect(row('p-lee')).not.toContain('now');
    // Ada is in her focus block at 10:00 Berlin, whatever the server said at its own now.
    expect(row('p-owner')).toContain('Thu 10:00 in Berlin · focus now');
    // Kim's day off (18:00 in Tokyo, outside her hours) is still said.
    expect(row('p-kim')).toContain('Thu 18:00 in Tokyo · off now');
  });
});

describe('Team time map', () => {
  it('shows a row per person in my time zone, the overlap band and the now line', async () => {
    const { requests } = renderApp('/time-map', routes());
    const map = await screen.findByRole('list', { name: 'People and their hours' }, { timeout: 5000 });
    const rows = [...map.querySelectorAll('[data-person]')];
    // Me first, then by name; names as text.
    expect(rows.map((row) => row.getAttribute('data-person'))).toEqual(['p-owner', 'p-kim', 'p-sam']);
    expect(rows[2]!.textContent).toContain('Sam <New York>');
    expect(rows[0]!.textContent).toContain('Ada Owner (you)');
    expect(rows[0]!.textContent).toContain('Thu 13:00 in Berlin');
    expect(rows[2]!.textContent).toContain('Thu 07:00 in New York');
    // What each row shows, in my time (Berlin), for screen readers and as bars.
    expect(rows[0]!.textContent).toContain('focus 09:00–11:00, working 11:00–17:00 (your time).');
    expect(rows[1]!.textContent).toContain('off 01:00–09:00 (your time).');
    const adaBars = rows[0]!.querySelectorAll<HTMLElement>('.time-map-bar');
    expect([...adaBars].map((bar) => bar.className)).toEqual([
      'time-map-bar time-map-bar-focus',
      'time-map-bar time-map-bar-working',
    ]);
    // 09:00 Berlin is 9/24 of the day from midnight.
    expect(adaBars[0]!.style.left).toBe('37.5%');
    expect(adaBars[0]!.style.width).toBe(`${(2 / 24) * 100}%`);
    // Kim is off all of her working hours, so the three never all work at once.
    expect(screen.getByText('No time in these hours when everyone here is working.')).toBeTruthy();
    // The now line: 13:00 of 24 hours, on every track.
    const nowLines = map.querySelectorAll<HTMLElement>('.time-map-now');
    expect(nowLines.length).toBe(4);
    expect(nowLines[0]!.style.left).toBe(`${(13 / 24) * 100}%`);

    const first = requests.find((r) => r.path === '/api/v1/availability')!;
    const query = new URLSearchParams(first.search);
    expect(query.get('from')).toBe('2026-11-25T23:00:00.000Z');
    expect(query.get('to')).toBe('2026-11-26T23:00:00.000Z');
    expect(query.get('channelId')).toBeNull();
  });

  it('filters by channel, and the overlap band follows the people shown', async () => {
    const { requests } = renderApp('/time-map', routes());
    await screen.findByRole('list', { name: 'People and their hours' }, { timeout: 5000 });
    await screen.findByRole('option', { name: 'Members of #design' });
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'c-design' } });
    await waitFor(() =>
      expect(screen.getByText('Everyone here is working 15:00–17:00 your time.')).toBeTruthy(),
    );
    const map = screen.getByRole('list', { name: 'People and their hours' });
    expect(map.querySelectorAll('[data-person]').length).toBe(2);
    const overlapRow = map.querySelector('.time-map-overlap')!;
    const band = within(overlapRow as HTMLElement)
      .getByText('Team overlap')
      .closest('li')!
      .querySelector<HTMLElement>('.time-map-bar-overlap')!;
    expect(band.style.left).toBe(`${(15 / 24) * 100}%`);
    expect(band.style.width).toBe(`${(2 / 24) * 100}%`);
    expect(requests.some((r) => new URLSearchParams(r.search).get('channelId') === 'c-design')).toBe(true);

    // 48 hours: twice the span, times with their day.
    fireEvent.click(screen.getByRole('radio', { name: '48 hours' }));
    await waitFor(() =>
      expect(screen.getByText('Everyone here is working Thu 15:00–Thu 17:00 your time.')).toBeTruthy(),
    );
    const last = requests.filter((r) => r.path === '/api/v1/availability').pop()!;
    expect(new URLSearchParams(last.search).get('to')).toBe('2026-11-27T23:00:00.000Z');
  });
});
