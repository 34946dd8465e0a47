// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { describeUserAgent } from './sessions-section';

const chromeUa =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const firefoxUa = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const day = 24 * 60 * 60 * 1000;
const now = Date.parse('2026-11-30T16:00:00Z');

let sessions: { id: string; userAgent: string | null; isCurrent: boolean }[];
let tokens: { id: string; name: string; scope: 'read' | 'read-write'; lastUsedAt: number | null }[];
let digestEnabled: boolean;

beforeEach(() => {
  sessions = [
    { id: 's-other', userAgent: firefoxUa, isCurrent: false },
    { id: 's-this', userAgent: chromeUa, isCurrent: true },
  ];
  tokens = [{ id: 'tok-1', name: 'CI <script>', scope: 'read', lastUsedAt: now - day }];
  digestEnabled = false;
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function routes(): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/events*': () => ({ status: 404 }),
    'GET /api/v1/sessions': () => ({
      status: 200,
      body: {
        items: sessions.map((s) => ({
          ...s,
          createdAt: now - 3 * day,
          lastSeenAt: now - 60_000,
          expiresAt: now + 30 * day,
        })),
        nextCursor: null,
      },
    }),
    'DELETE /api/v1/sessions/*': (request) => {
      sessions = sessions.filter((s) => `/api/v1/sessions/${s.id}` !== request.path);
      return { status: 204 };
    },
    'GET /api/v1/tokens': () => ({
      status: 200,
      body: { items: tokens.map((t) => ({ ...t, createdAt: now - 7 * day })), nextCursor: null },
    }),
    'POST /api/v1/tokens': (request) => {
      const body = request.body as { name: string; scope: 'read' | 'read-write' };
      tokens = [...tokens, { id: 'tok-2', name: body.name, scope: body.scope, lastUsedAt: null }];
      return {
        status: 201,
        body: { id: 'tok-2', ...body, createdAt: now, lastUsedAt: null, token: 'mw_secret_shown_once' },
      };
    },
    'DELETE /api/v1/tokens/*': (request) => {
      tokens = tokens.filter((t) => `/api/v1/tokens/${t.id}` !== request.path);
      return { status: 204 };
    },
    'GET /api/v1/me/digest': () => ({ status: 200, body: { enabled: digestEnabled } }),
    'PUT /api/v1/me/digest': (request) => {
      digestEnabled = (request.body as { enabled: boolean }).enabled;
      return { status: 200, body: { enabled: digestEnabled } };
    },
  };
}

describe('the settings screen', () => {
  it('marks this session, and ends another one', async () => {
    const { requests } = renderApp('/settings', routes());
    const list = await screen.findByRole('list', { name: 'Sessions' }, { timeout: 5000 });
    const rows = await within(list).findAllByRole('listitem');
    expect(rows.map((row) => row.textContent?.split('Signed in')[0])).toEqual([
      'Chrome on LinuxThis session',
      'Firefox on Windows',
    ]);
    // This session has no button; the other one has.
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'End session Firefox on Windows' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    const ended = requests.filter((r) => r.method === 'DELETE');
    expect(ended.map((r) => r.path)).toEqual(['/api/v1/sessions/s-other']);
    expect(ended[0]!.headers.get('X-CSRF-Token')).toBe('csrf-from-me');
  });

  it('creates a token with the chosen scope, shows its secret once with a copy button, and revokes', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { requests } = renderApp('/settings', routes());
    const tokenList = await screen.findByRole('list', { name: 'API tokens' }, { timeout: 5000 });
    const first = await within(tokenList).findByRole('listitem');
    expect(first.textContent).toContain('CI <script>');
    expect(first.textContent).toContain('read');
    expect(first.textContent).toContain('last used');

    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: ' laptop CLI ' } });
    fireEvent.click(screen.getByLabelText(/Read and write/));
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const secret = await screen.findByLabelText('The new token');
    expect((secret as HTMLInputElement).value).toBe('mw_secret_shown_once');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'laptop CLI',
      scope: 'read-write',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith('mw_secret_shown_once');
    await waitFor(() => expect(within(tokenList).getAllByRole('listitem')).toHaveLength(2));
    expect(within(tokenList).getAllByRole('listitem')[1]!.textContent).toContain('never used');

    // Done hides the secret for good: nothing on the page shows it any more.
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('The new token')).toBeNull();
    expect(document.body.innerHTML).not.toContain('mw_secret_shown_once');

    fireEvent.click(screen.getByRole('button', { name: 'Revoke CI <script>' }));
    await waitFor(() => expect(within(tokenList).getAllByRole('listitem')).toHaveLength(1));
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/v1/tokens/tok-1',
    ]);
    expect(document.querySelector('main script')).toBeNull();
  });

  it('turns e-mail digests on and off', async () => {
    const { requests } = renderApp('/settings', routes());
    const box = (await screen.findByLabelText(
      'Send me e-mail digests',
      {},
      { timeout: 5000 },
    )) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await screen.findByText('Digests on.');
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await screen.findByText('Digests off.');
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { enabled: true },
      { enabled: false },
    ]);
  });

  it('shows who I am', async () => {
    renderApp('/settings', routes());
    await screen.findByRole('heading', { name: 'Profile' }, { timeout: 5000 });
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    expect(screen.getByText('Ada Owner', { selector: 'dd' })).toBeTruthy();
  });
});

describe('describeUserAgent', () => {
  it('names common browsers and systems, and falls back to the raw string', () => {
    expect(describeUserAgent(chromeUa)).toBe('Chrome on Linux');
    expect(describeUserAgent(null)).toBe('Unknown browser or app');
    expect(describeUserAgent('meanwhile-cli/1.0')).toBe('meanwhile-cli/1.0');
  });
});
