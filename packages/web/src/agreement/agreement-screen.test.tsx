// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';

afterEach(cleanup);

const terms = {
  replyWindows: { today: 4, soon: 16, normal: 40, fyi: null },
  interruptionBudget: 3,
  emergencyRoles: ['owner', 'admin'],
  allowChannelMentions: false,
  digestTimes: ['09:00', '17:00'],
  meetingNoticeHours: 24,
  decisionWindowHours: 48,
  syncWindows: [{ timeZone: 'Europe/Berlin', day: 'tue', hours: '15:00-17:00' }],
  meetingDays: [],
  // A term this app does not know yet: shown generically, as text, and sent back unchanged.
  quietFridays: { enabled: true, note: '<img src=x onerror=alert(1)>' },
};

const current = {
  version: 2,
  agreement: terms,
  changedBy: 'p-owner',
  changedAt: '2026-11-20T10:00:00.000Z',
  reason: 'Shorter "today" window',
};

const versions = {
  items: [
    current,
    {
      version: 1,
      agreement: { ...terms, replyWindows: { today: 8, soon: 16, normal: 40, fyi: null } },
      changedBy: null,
      changedAt: null,
      reason: null,
    },
  ],
  nextCursor: null,
};

function routes(role: string, extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: { ...signedInMe, role } }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/agreement': () => ({ status: 200, body: current }),
    'GET /api/v1/agreement/versions': () => ({ status: 200, body: versions }),
    'GET /api/v1/people': () => ({
      status: 200,
      body: {
        items: [{ id: 'p-owner', displayName: 'Ada Owner', role: 'owner', joinedAt: 0, deactivatedAt: null }],
        nextCursor: null,
      },
    }),
    ...extra,
  };
}

describe('the agreement', () => {
  it('reads as a document for everyone, unknown terms included, with its history', async () => {
    renderApp('/agreement', routes('member'));
    const document_ = await screen.findByRole('article', { name: 'The terms' }, { timeout: 5000 });
    expect(document_.textContent).toContain('today: a reply within 4 working hours of the recipient');
    expect(document_.textContent).toContain('fyi: no reply expected');
    expect(document_.textContent).toContain('3 interrupts per person per week');
    expect(document_.textContent).toContain('Owners and admins may send an emergency');
    expect(document_.textContent).toContain('Not allowed: mention people by name');
    expect(document_.textContent).toContain('At 09:00 and 17:00');
    expect(document_.textContent).toContain('Tuesday 15:00–17:00 (Europe/Berlin time)');
    // The unknown term, as text (no element made from it).
    expect(within(document_).getByText('Quiet fridays')).toBeTruthy();
    expect(document_.textContent).toContain('Enabled: true · Note: <img src=x onerror=alert(1)>');
    expect(document_.querySelector('img')).toBeNull();
    expect(document_.textContent).toContain('Version 2');
    expect(document_.textContent).toContain('by Ada Owner: “Shorter "today" window”');
    // Members read; only owners and admins change it.
    expect(screen.queryByRole('button', { name: 'Change the agreement' })).toBeNull();

    const history = await screen.findByRole('list', { name: 'Versions, newest first' });
    const rows = within(history).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Version 2');
    expect(rows[0]!.textContent).toContain('Ada Owner');
    expect(rows[0]!.textContent).toContain('Changed: Reply windows');
    expect(rows[1]!.textContent).toContain('Meanwhile (the defaults)');
  });

  it('lets an admin change it only with a reason, sending the version read and every term', async () => {
    let saved: unknown = null;
    const { requests } = renderApp(
      '/agreement',
      routes('admin', {
        'PUT /api/v1/agreement': (request) => {
          saved = request.body;
          const body = request.body as { agreement: typeof terms; reason: string };
          return {
            status: 200,
            body: {
              version: 3,
              agreement: body.agreement,
              changedBy: 'p-owner',
              changedAt: '2026-11-26T10:00:00Z',
              reason: body.reason,
            },
          };
        },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Change the agreement' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Change the agreement' });
    fireEvent.change(within(form).getByLabelText('today'), { target: { value: '6' } });
    fireEvent.change(within(form).getByLabelText('Interrupts per person per week'), {
      target: { value: '2' },
    });
    fireEvent.click(within(form).getByLabelText('members'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save the new version' }));

    // No reason: nothing is sent, and the field says why.
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Say why the agreement changes');
    expect(within(form).getByLabelText('Why it changes (required)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Why it changes (required)'), {
      target: { value: 'Fewer interrupts, members may escalate' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the new version' }));
    await waitFor(() => expect(saved).not.toBeNull());
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('if-match')).toBe('"2"');
    expect(saved).toEqual({
      reason: 'Fewer interrupts, members may escalate',
      agreement: {
        ...terms,
        replyWindows: { today: 6, soon: 16, normal: 40 },
        interruptionBudget: 2,
        emergencyRoles: ['owner', 'admin', 'member'],
      },
    });
    expect(await screen.findByText('The agreement is changed: version 3.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Change the agreement' })).toBeNull();
  });

  it('shows the server’s field error next to the field', async () => {
    renderApp(
      '/agreement',
      routes('owner', {
        'PUT /api/v1/agreement': () => ({
          status: 400,
          body: {
            status: 400,
            code: 'validation_failed',
            detail: 'The request is invalid; see `errors`.',
            errors: [{ path: 'body.agreement.digestTimes.0', message: 'must be HH:MM' }],
          },
        }),
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Change the agreement' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Change the agreement' });
    fireEvent.change(within(form).getByLabelText('Digest times'), { target: { value: '9am' } });
    fireEvent.change(within(form).getByLabelText('Why it changes (required)'), {
      target: { value: 'Later' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the new version' }));
    expect(await within(form).findByText('body.agreement.digestTimes.0: must be HH:MM')).toBeTruthy();
    expect(within(form).getByLabelText('Digest times').getAttribute('aria-invalid')).toBe('true');
  });
});
