// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { weeklyRuleOf } from './sync-windows-panel';

// Only Date is faked: "now" is Monday 30 November 2026, 09:00 UTC (10:00 in Berlin, where I am).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2026-11-30T09:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const kenji = { personId: 'p-kenji', displayName: 'Kenji <Tokyo>', timeZone: 'Asia/Tokyo' };
const ana = { personId: 'p-ana', displayName: 'Ana', timeZone: 'America/New_York' };

const terms = {
  replyWindows: { today: 4, soon: 16, normal: 40, fyi: null },
  interruptionBudget: 2,
  emergencyRoles: ['owner'],
  allowChannelMentions: false,
  digestTimes: ['09:00'],
  meetingNoticeHours: 16,
  decisionWindowHours: 40,
  syncWindows: [{ timeZone: 'Europe/Berlin', day: 'mon', hours: '16:00-17:00' }],
  meetingDays: [{ timeZone: 'Europe/Berlin', day: 'fri', kind: 'no-meeting' }],
};

function routes(
  me: typeof signedInMe | Record<string, unknown> = signedInMe,
  extra: FakeRoutes = {},
): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: me }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/events*': () => ({ status: 404 }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/me/rhythm': () => ({
      status: 200,
      body: { rhythm: { timeZone: 'Europe/Berlin', week, exceptions: [] }, focus: week },
    }),
    'GET /api/v1/availability': () => ({
      status: 200,
      body: { from: '2026-11-29T23:00:00Z', to: '2026-11-30T23:00:00Z', people: [] },
    }),
    'GET /api/v1/agreement': () => ({
      status: 200,
      body: { version: 4, agreement: terms, changedBy: null, changedAt: null, reason: null },
    }),
    'GET /api/v1/sync/coverage': () => ({
      status: 200,
      body: { windows: [{ window: terms.syncWindows[0], notCovered: [kenji] }] },
    }),
    'GET /api/v1/sync/candidates': () => ({
      status: 200,
      body: {
        from: '2026-11-30T09:00:00Z',
        to: '2026-12-28T09:00:00Z',
        durationMinutes: 60,
        people: 3,
        windows: [
          // Tue 1 Dec 15:00–16:00 Berlin.
          {
            start: '2026-12-01T14:00:00.000Z',
            end: '2026-12-01T15:00:00.000Z',
            included: 2,
            humane: 0.62,
            leftOut: [kenji],
          },
          {
            start: '2026-12-02T08:00:00.000Z',
            end: '2026-12-02T09:00:00.000Z',
            included: 2,
            humane: 0.4,
            leftOut: [ana],
          },
        ],
        patterns: [
          {
            label: 'Tue and Thu 15:00–16:00 Berlin',
            timeZone: 'Europe/Berlin',
            days: ['tue', 'thu'],
            hours: '15:00-16:00',
            occurrences: 8,
            included: 2,
            leftOut: [kenji],
          },
        ],
      },
    }),
    ...extra,
  };
}

describe('candidate sync windows on the team time map', () => {
  it('lists the fixed windows with whom they miss, the patterns and the ranked windows naming who is left out', async () => {
    const { requests } = renderApp('/time-map', routes());
    const panel = (
      await screen.findByRole('heading', { name: 'Candidate sync windows' }, { timeout: 5000 })
    ).closest('section')!;
    const fixed = await within(panel).findByRole('list', { name: 'Sync windows in the agreement' });
    expect(fixed.textContent).toContain('Mon 16:00–17:00 Berlin Not covered by the rhythm of Kenji <Tokyo>.');
    expect(fixed.textContent).toContain('Fri (Berlin) is a no-meeting day');
    const patterns = await within(panel).findByRole('list', { name: 'Proposed weekly patterns' });
    expect(patterns.textContent).toContain('Tue and Thu 15:00–16:00 Berlin');
    expect(patterns.textContent).toContain('2 of 3 people every time, 8 times in four weeks.');
    expect(patterns.textContent).toContain('Left out: Kenji <Tokyo> (Tokyo).');
    const windows = within(panel).getByRole('list', { name: 'Candidate windows, best first' });
    const items = within(windows).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toMatch(
      /Tue, (1 Dec|Dec 1), 15:00–16:00 your time · 2 of 3 people · 62% humane/,
    );
    expect(items[0]!.textContent).toContain('Left out: Kenji <Tokyo> (Tokyo).');
    expect(items[1]!.textContent).toContain('Left out: Ana (New York).');
    const asked = requests.find((r) => r.path === '/api/v1/sync/candidates')!;
    expect(new URLSearchParams(asked.search).get('timeZone')).toBe('Europe/Berlin');
  });

  it('lets an admin fix a pattern into the agreement with the required reason, as a new version', async () => {
    const { requests } = renderApp(
      '/time-map',
      routes(signedInMe, {
        'PUT /api/v1/agreement': (request) => ({
          status: 200,
          body: {
            version: 5,
            agreement: (request.body as { agreement: unknown }).agreement,
            changedBy: 'p-owner',
            changedAt: '2026-11-30T09:00:00Z',
            reason: (request.body as { reason: string }).reason,
          },
        }),
      }),
    );
    const patterns = await screen.findByRole('list', { name: 'Proposed weekly patterns' }, { timeout: 5000 });
    fireEvent.click(
      within(patterns).getByRole('button', { name: 'Fix in the agreement: Tue and Thu 15:00–16:00 Berlin' }),
    );
    const form = within(patterns).getByRole('form', { name: /Fix Tue and Thu/ });
    const reason = within(form).getByLabelText(/Why \(required/);
    fireEvent.change(reason, { target: { value: '  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Fix in the agreement' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Say why');
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);

    fireEvent.change(reason, { target: { value: 'Two calls a week for Berlin and New York' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Fix in the agreement' }));
    await screen.findByText('Fixed in the agreement: version 5.');
    const put = requests.find((r) => r.method === 'PUT' && r.path === '/api/v1/agreement')!;
    expect(put.headers.get('If-Match')).toBe('"4"');
    expect(put.body).toEqual({
      agreement: {
        ...terms,
        syncWindows: [
          ...terms.syncWindows,
          { timeZone: 'Europe/Berlin', day: 'tue', hours: '15:00-16:00' },
          { timeZone: 'Europe/Berlin', day: 'thu', hours: '15:00-16:00' },
        ],
      },
      reason: 'Two calls a week for Berlin and New York',
    });
    await waitFor(() => expect(within(patterns).getByText('In the agreement.')).toBeTruthy());
    // The first single window (Tue 15:00–16:00 Berlin) is now in the agreement too.
    const windows = screen.getByRole('list', { name: 'Candidate windows, best first' });
    expect(within(windows).getAllByText('In the agreement.')).toHaveLength(1);
  });

  it('offers members no way to change the agreement', async () => {
    renderApp('/time-map', routes({ ...signedInMe, role: 'member' }));
    await screen.findByRole('list', { name: 'Proposed weekly patterns' }, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: /Fix in the agreement/ })).toBeNull();
  });

  it('states a single window as a weekly rule in my zone, none across midnight', () => {
    expect(
      weeklyRuleOf(Date.parse('2026-12-01T14:00:00Z'), Date.parse('2026-12-01T15:00:00Z'), 'Europe/Berlin'),
    ).toEqual({
      timeZone: 'Europe/Berlin',
      day: 'tue',
      hours: '15:00-16:00',
    });
    expect(
      weeklyRuleOf(Date.parse('2026-12-01T22:00:00Z'), Date.parse('2026-12-01T23:00:00Z'), 'Europe/Berlin'),
    ).toEqual({
      timeZone: 'Europe/Berlin',
      day: 'tue',
      hours: '23:00-24:00',
    });
    expect(
      weeklyRuleOf(Date.parse('2026-12-01T22:30:00Z'), Date.parse('2026-12-01T23:30:00Z'), 'Europe/Berlin'),
    ).toBeNull();
  });
});
