// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe, unauthenticated } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

afterEach(cleanup);

const signedInBody = {
  csrfToken: 'csrf-from-login',
  person: signedInMe.person,
  workspace: signedInMe.workspace,
  role: 'owner',
};

function routes(loginAnswer: FakeRoutes[string]): FakeRoutes {
  return {
    'GET /api/v1/me': () => unauthenticated,
    'POST /api/v1/auth/login': loginAnswer,
    'GET /api/v1/channels': () => ({
      status: 200,
      body: {
        items: [
          {
            id: 'c-2',
            name: 'zeta <b>',
            description: '',
            visibility: 'private',
            createdBy: 'p',
            createdAt: '2026-01-01T00:00:00Z',
            archivedAt: null,
            isMember: true,
          },
          {
            id: 'c-1',
            name: 'alpha',
            description: '',
            visibility: 'public',
            createdBy: 'p',
            createdAt: '2026-01-01T00:00:00Z',
            archivedAt: null,
            isMember: false,
          },
          {
            id: 'c-3',
            name: 'archived',
            description: '',
            visibility: 'public',
            createdBy: 'p',
            createdAt: '2026-01-01T00:00:00Z',
            archivedAt: '2026-02-01T00:00:00Z',
            isMember: true,
          },
        ],
        nextCursor: null,
      },
    }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [{}, {}, {}], nextCursor: null } }),
    'POST /api/v1/channels': () => ({ status: 201, body: {} }),
  };
}

async function signIn(password: string) {
  fireEvent.change(await screen.findByLabelText('E-mail'), { target: { value: 'ada@example.com' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in', () => {
  it('sends the signed-out from a screen to sign in, then back to it in the shell', async () => {
    const { requests } = renderApp(
      '/search',
      routes(() => ({ status: 200, body: signedInBody })),
    );
    expect(await screen.findByRole('heading', { name: 'Sign in to Meanwhile' })).toBeTruthy();
    expect(globalThis.location.search).toBe('?next=%2Fsearch');
    await signIn('correct horse battery');
    expect(await screen.findByRole('heading', { name: 'Search' })).toBeTruthy();
    expect(globalThis.location.pathname).toBe('/search');
    const login = requests.find((r) => r.path === '/api/v1/auth/login')!;
    expect(login.body).toEqual({ email: 'ada@example.com', password: 'correct horse battery' });
    // The shell: landmarks, the sidebar's channels (by name, not archived, as text) and the inbox count.
    expect(screen.getByRole('banner').textContent).toContain('Acme');
    const nav = screen.getByRole('navigation', { name: 'Workspace' });
    await waitFor(() => expect(nav.textContent).toContain('zeta <b>'));
    const channelLinks = screen
      .getAllByRole('link')
      .filter((a) => a.getAttribute('href')?.startsWith('/channels/c-'));
    expect(channelLinks.map((a) => a.textContent)).toEqual(['# alpha', '🔒 zeta <b> (private)']);
    expect(await screen.findByLabelText('3 items')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
  });

  it('shows the server’s reason when sign-in fails, and stays', async () => {
    renderApp(
      '/sign-in',
      routes(() => ({
        status: 401,
        body: { status: 401, code: 'invalid_credentials', detail: 'The e-mail or password is wrong.' },
      })),
    );
    await signIn('wrong password');
    expect((await screen.findByRole('alert')).textContent).toBe('The e-mail or password is wrong.');
    expect(globalThis.location.pathname).toBe('/sign-in');
  });

  it('sends the CSRF token it was given with the next unsafe request', async () => {
    const { requests } = renderApp(
      '/sign-in?next=%2Fchannels%2Fnew',
      routes(() => ({ status: 200, body: signedInBody })),
    );
    await signIn('correct horse battery');
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'design' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create channel' }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'POST' && r.path === '/api/v1/channels')).toBe(true),
    );
    const create = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/channels')!;
    expect(create.headers.get('x-csrf-token')).toBe('csrf-from-login');
    expect(create.body).toEqual({ name: 'design', description: '', visibility: 'public' });
  });
});
