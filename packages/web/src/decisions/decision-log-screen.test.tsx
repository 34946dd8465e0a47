// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

const entry = {
  id: 'd-1',
  question: 'Ship on <i>Friday</i>?',
  mode: 'vote',
  outcome: 'Friday',
  deciderId: 'p-owner',
  decider: 'Ada Owner',
  tookPart: [
    { personId: 'p-owner', displayName: 'Ada Owner' },
    { personId: 'p-ana', displayName: 'Ana Tokyo' },
  ],
  openedAt: '2026-11-30T08:00:00Z',
  closedAt: '2026-11-30T17:00:00Z',
  threadId: 't-1',
  link: '/threads/t-1#post-post-1',
};

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/me/rhythm': () => ({ status: 200, body: { rhythm: { timeZone: 'Europe/Berlin' } } }),
    'GET /api/v1/decision-log': () => ({ status: 200, body: { items: [entry], nextCursor: null } }),
    ...extra,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T08:00:00Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the decision log', () => {
  it('lists closed decisions with outcome, decider, who took part and a link, and filters them', async () => {
    const { requests } = renderApp('/decisions', routes());
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Decision log' }, { timeout: 5000 }),
    ).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Ship on <i>Friday</i>?' });
    expect(link.getAttribute('href')).toBe('/threads/t-1#post-post-1');
    const item = link.closest('li')!;
    expect(item.textContent).toContain('Outcome: Friday');
    expect(item.textContent).toContain('decider Ada Owner · took part: Ada Owner, Ana Tokyo');
    expect(item.querySelector('time[datetime="2026-11-30T17:00:00Z"]')).not.toBeNull();
    // The sidebar links here, marked as the current page.
    expect(
      within(screen.getByRole('navigation', { name: 'Workspace' }))
        .getByRole('link', { name: 'Decision log' })
        .getAttribute('aria-current'),
    ).toBe('page');

    const search = screen.getByRole('search', { name: 'Filter the decision log' });
    fireEvent.change(within(search).getByLabelText('Question contains'), { target: { value: ' friday ' } });
    fireEvent.change(within(search).getByLabelText('Closed from'), { target: { value: '2026-11-01' } });
    fireEvent.click(within(search).getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(requests.filter((r) => r.path === '/api/v1/decision-log')).toHaveLength(2));
    const filtered = new URLSearchParams(
      requests.filter((r) => r.path === '/api/v1/decision-log')[1]!.search,
    );
    expect(filtered.get('q')).toBe('friday');
    expect(Date.parse(filtered.get('from')!)).toBe(new Date(2026, 10, 1).getTime());
  });

  it('exports the log as a file through a Blob link', async () => {
    const blobs: Blob[] = [];
    // jsdom has no Blob URLs: record the Blobs instead (put back after the test).
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    onTestFinished(() => {
      Object.assign(URL, { createObjectURL: original.create, revokeObjectURL: original.revoke });
    });
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return `blob:meanwhile/${blobs.length}`;
    };
    URL.revokeObjectURL = () => undefined;
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(`${this.download} ${this.getAttribute('href')}`);
    });
    onTestFinished(() => click.mockRestore());
    const { requests } = renderApp(
      '/decisions',
      routes({
        'GET /api/v1/decision-log/export': () => ({
          status: 200,
          body: {
            format: 'csv',
            contentType: 'text/csv; charset=utf-8',
            filename: 'decision-log.csv',
            content: 'question,outcome\r\nShip?,Friday\r\n',
          },
        }),
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }, { timeout: 5000 }));
    const again = await screen.findByRole('link', { name: 'Download decision-log.csv again' });
    expect(again.getAttribute('href')).toBe('blob:meanwhile/1');
    expect(clicked).toEqual(['decision-log.csv blob:meanwhile/1']);
    expect(await blobs[0]!.text()).toBe('question,outcome\r\nShip?,Friday\r\n');
    expect(requests.find((r) => r.path === '/api/v1/decision-log/export')!.search).toBe('?format=csv');
  });
});
