// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

afterEach(cleanup);

function routes(me: Omit<typeof signedInMe, 'role'> & { role: string }): FakeRoutes {
  const empty = { status: 200, body: { items: [], nextCursor: null } };
  return {
    'GET /api/v1/me': () => ({ status: 200, body: me }),
    'GET /api/v1/channels': () => empty,
    'GET /api/v1/inbox': () => empty,
    'GET /api/v1/events*': () => ({ status: 404 }),
    'GET /api/v1/sessions': () => empty,
    'GET /api/v1/tokens': () => empty,
    'GET /api/v1/me/digest': () => ({ status: 200, body: { enabled: false } }),
    'POST /api/v1/invitations': (request) => {
      const body = request.body as { email?: string; role: string };
      return {
        status: 201,
        body: {
          id: 'inv-1',
          email: body.email ?? null,
          role: body.role,
          status: 'pending',
          invitedBy: 'p-owner',
          createdAt: 0,
          expiresAt: Date.parse('2026-12-07T16:00:00Z'),
          linkPath: '/invite/tok_123-abc',
        },
      };
    },
  };
}

describe('inviting people from the settings', () => {
  it('creates an invitation link with the role and e-mail chosen, shown as a full URL', async () => {
    const { requests } = renderApp('/settings', routes(signedInMe));
    const form = await screen.findByRole('form', { name: 'Invite someone' }, { timeout: 5000 });
    fireEvent.change(within(form).getByLabelText(/Their e-mail/), { target: { value: ' sam@example.com ' } });
    fireEvent.click(within(form).getByRole('radio', { name: /Guest/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create invitation link' }));
    const link = await screen.findByLabelText('Invitation link');
    expect((link as HTMLInputElement).value).toBe(`${globalThis.location.origin}/invite/tok_123-abc`);
    expect(screen.getByText(/Invitation created for sam@example.com/)).toBeTruthy();
    const sent = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/invitations');
    expect(sent?.body).toEqual({ role: 'guest', email: 'sam@example.com' });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByLabelText('Invitation link')).toBeNull());
  });

  it('is not offered to members', async () => {
    renderApp('/settings', routes({ ...signedInMe, role: 'member' }));
    await screen.findByRole('heading', { name: 'Profile' }, { timeout: 5000 });
    expect(screen.queryByRole('heading', { name: 'Invite people' })).toBeNull();
  });
});
