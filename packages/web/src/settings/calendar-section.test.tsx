// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/events*': () => ({ status: 404 }),
    'GET /api/v1/sessions': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/tokens': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/me/digest': () => ({ status: 200, body: { enabled: false } }),
    ...extra,
  };
}

describe('the calendar settings', () => {
  it('makes the private feed, shows its address once as a secret to copy, and rotates it', async () => {
    let made = 0;
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { requests } = renderApp(
      '/settings',
      routes({
        'GET /api/v1/me/calendar-feed': () => ({
          status: 200,
          body: { exists: made > 0, createdAt: made > 0 ? '2026-11-30T09:00:00Z' : null, path: null },
        }),
        'POST /api/v1/me/calendar-feed': () => {
          made++;
          return {
            status: 200,
            body: { exists: true, createdAt: '2026-11-30T09:00:00Z', path: `/calendar/w-1/token${made}.ics` },
          };
        },
        'GET /api/v1/me/busy-calendar': () => ({
          status: 200,
          body: { url: null, fetchedAt: null, error: null, busy: [] },
        }),
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Make my calendar feed' }, { timeout: 5000 }));
    const address = (await screen.findByLabelText('Calendar feed address')) as HTMLInputElement;
    expect(address.value).toBe(`${globalThis.location.origin}/calendar/w-1/token1.ics`);
    expect(screen.getByText(/It is a secret: anyone who has it sees your calendar/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(address.value);

    fireEvent.click(screen.getByRole('button', { name: 'Rotate the address…' }));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, rotate' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Calendar feed address') as HTMLInputElement).value).toMatch(
        /token2\.ics$/,
      ),
    );
  });

  it('imports busy times from a URL and shows the server’s refusal and the import’s error', async () => {
    let saved: string | null = null;
    const { requests } = renderApp(
      '/settings',
      routes({
        'GET /api/v1/me/calendar-feed': () => ({
          status: 200,
          body: { exists: false, createdAt: null, path: null },
        }),
        'GET /api/v1/me/busy-calendar': () => ({
          status: 200,
          body: { url: saved, fetchedAt: null, error: null, busy: [] },
        }),
        'PUT /api/v1/me/busy-calendar': (request) => {
          const url = (request.body as { url: string }).url;
          if (url.includes('127.0.0.1')) {
            return {
              status: 400,
              body: {
                status: 400,
                code: 'validation_failed',
                errors: [{ path: 'body.url', message: 'must be a public address' }],
              },
            };
          }
          saved = url;
          return {
            status: 200,
            body: {
              url,
              fetchedAt: '2026-11-30T09:00:00Z',
              error: 'the calendar answered 404',
              busy: [],
            },
          };
        },
        'DELETE /api/v1/me/busy-calendar': () => {
          saved = null;
          return { status: 200, body: {} };
        },
      }),
    );
    const field = await screen.findByLabelText('Calendar address', {}, { timeout: 5000 });
    fireEvent.change(field, { target: { value: 'http://127.0.0.1/cal.ics' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import busy times' }));
    expect((await screen.findByRole('alert')).textContent).toBe('body.url: must be a public address');
    expect(field.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(field, { target: { value: 'https://cal.example.com/me.ics' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import busy times' }));
    const importError = await screen.findByText('It could not be read: the calendar answered 404');
    expect(importError.getAttribute('role')).toBe('alert');
    expect(screen.queryByText('body.url: must be a public address')).toBeNull();
    expect(screen.getByText('https://cal.example.com/me.ics')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop importing' }));
    await waitFor(() => expect(screen.queryByText('https://cal.example.com/me.ics')).toBeNull());
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/v1/me/busy-calendar',
    ]);
  });
});
