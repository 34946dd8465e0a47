// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

const ask = {
  id: 'a-1',
  checkinId: 'ck-1',
  title: 'Weekly <i>check-in</i>',
  date: '2026-11-30',
  questions: [
    { text: 'What did you finish?', isBlocker: false },
    { text: 'What is in your way?', isBlocker: true },
  ],
  state: 'asked',
  answers: null,
  askedAt: '2026-11-30T15:30:00Z',
  deliveredAt: '2026-11-30T15:30:00Z',
};

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/me/checkin-asks': () => ({ status: 200, body: { items: [ask] } }),
    ...extra,
  };
}

afterEach(cleanup);

describe('check-ins', () => {
  it('answers my check-in question of the day, the blocker question marked', async () => {
    const { requests } = renderApp(
      '/checkins',
      routes({
        'POST /api/v1/checkins/ck-1/answers': () => ({
          status: 200,
          body: { ...ask, state: 'answered', answers: ['The export', ''] },
        }),
      }),
    );
    const form = await screen.findByRole('form', { name: /Weekly <i>check-in<\/i>/ }, { timeout: 5000 });
    expect(within(form).getByText('What is in your way?').closest('.field')!.className).toContain(
      'checkin-blocker',
    );
    expect(within(form).getByText('What did you finish?').closest('.field')!.className).not.toContain(
      'checkin-blocker',
    );
    fireEvent.change(within(form).getByLabelText('What did you finish?'), {
      target: { value: 'The export' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Send answers' }));
    await within(form).findByText(/gathered into the check-in’s thread/);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/v1/checkins/ck-1/answers');
    expect(post.body).toEqual({ answers: ['The export', ''], date: '2026-11-30' });
  });

  it('shows a check-in’s rounds as team figures only', async () => {
    renderApp(
      '/checkins/ck-1',
      routes({
        'GET /api/v1/checkins/ck-1': () => ({
          status: 200,
          body: {
            id: 'ck-1',
            channelId: 'c-1',
            threadId: 't-1',
            title: 'Weekly check-in',
            questions: ask.questions,
            weekdays: ['mon', 'thu'],
            localTime: '16:30',
            createdBy: 'p-owner',
            participantCount: 6,
            isParticipant: true,
            rounds: [
              {
                date: '2026-11-26',
                asked: 6,
                answered: 5,
                summary: '5 of 6 answered',
                closedAt: '2026-11-27T08:00:00Z',
              },
            ],
          },
        }),
      }),
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Weekly check-in' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(
      screen.getByText(/Asked of 6 people at 16:30 in each one’s own time, on Monday, Thursday/),
    ).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Team figures by round' }).textContent).toBe(
        '2026-11-26: 5 of 6 answered',
      ),
    );
  });
});
