// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { SentRequest } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { berlinRhythm, people, threadAnswer, waitingItem } from './inbox-fixtures';

afterEach(cleanup);
// Waits generously: the screen's chunk and data load lazily, and the machine is shared.
configure({ asyncUtilTimeout: 15_000 });

describe('waiting on others', () => {
  it('lists my open asks by due time, in their time and mine, with acknowledgements as text', async () => {
    const items = [
      waitingItem('a-undelivered', 'p-sam', null, 'America/Los_Angeles'),
      waitingItem('a-later', 'p-olivia', '2027-03-10T12:00:00.000Z', 'Europe/Berlin', { level: 'normal' }),
      waitingItem('a-sooner', 'p-sam', '2027-03-09T21:00:00.000Z', 'America/Los_Angeles', {
        acknowledgement: { note: 'On it <i>soon</i>', at: '2027-03-09T17:30:00.000Z' },
      }),
    ];
    renderApp('/waiting', {
      'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
      'GET /api/v1/waiting': () => ({ status: 200, body: { items, nextCursor: null } }),
      'GET /api/v1/people': () => ({ status: 200, body: people }),
      'GET /api/v1/me/rhythm': () => ({ status: 200, body: berlinRhythm }),
      'GET /api/v1/threads/*': (request: SentRequest) => ({
        status: 200,
        body: threadAnswer(request.path.split('/').pop()!),
      }),
    });
    expect(await screen.findByRole('heading', { name: 'Waiting on others', level: 1 })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Inbox views' });
    expect(within(nav).getByRole('link', { name: 'Waiting on others' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await waitFor(() =>
      expect(
        screen.getAllByRole('article').map((a) => a.querySelector('.inbox-item-title')!.textContent),
      ).toEqual([
        'Sam <b>Rivera</b> in Launch plan',
        'Olivia Owner in Launch plan',
        'Sam <b>Rivera</b> in Launch plan',
      ]),
    );
    const [sooner, later, undelivered] = screen.getAllByRole('article');
    // 21:00 UTC: 13:00 in Los Angeles (PST), 22:00 in Berlin (CET).
    expect(sooner!.textContent).toContain('due Tue 13:00 for Sam <b>Rivera</b> · Tue 22:00 for you');
    expect(sooner!.querySelector('.inbox-ack')!.textContent).toBe(
      'Sam <b>Rivera</b> acknowledged Tue 18:30 your time: On it <i>soon</i>',
    );
    expect(later!.textContent).toContain('due Wed 13:00 for Olivia Owner and you');
    expect(undelivered!.textContent).toContain('not delivered yet');
    expect(document.querySelector('b, i')).toBeNull();
  });

  it('asks for the names again when someone joined after they were loaded', async () => {
    const items = [waitingItem('a-new', 'p-sam', '2027-03-09T21:00:00.000Z', 'America/Los_Angeles')];
    // The first answer predates Sam's joining (names are cached for minutes); the next one has Sam.
    const answers = [{ items: [people.items[0]], nextCursor: null }, people];
    let asked = 0;
    renderApp('/waiting', {
      'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
      'GET /api/v1/waiting': () => ({ status: 200, body: { items, nextCursor: null } }),
      'GET /api/v1/people': () => ({ status: 200, body: answers[Math.min(asked++, 1)] }),
      'GET /api/v1/me/rhythm': () => ({ status: 200, body: berlinRhythm }),
      'GET /api/v1/threads/*': (request: SentRequest) => ({
        status: 200,
        body: threadAnswer(request.path.split('/').pop()!),
      }),
    });
    await waitFor(() =>
      expect(screen.getByRole('article').querySelector('.inbox-item-title')!.textContent).toBe(
        'Sam <b>Rivera</b> in Launch plan',
      ),
    );
    expect(asked).toBe(2);
  });

  it('says so when nobody owes me a reply', async () => {
    renderApp('/waiting', {
      'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
      'GET /api/v1/waiting': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    });
    expect(await screen.findByText('No open asks: nobody owes you a reply.')).toBeTruthy();
  });
});
