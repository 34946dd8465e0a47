// The expected status of every route for every caller of the authorization matrix
// (authorization-matrix.test.ts). Every route the app registers under /api/v1 must have a row here, and every
// row must name a registered route: a new route fails the matrix until someone decides who may call it.
//
// Targets live in the first workspace, in its private channel where it has one: the owner, admin, member and
// guest belong to that channel, the outsider (a member) does not, the foreign caller owns another workspace.
// The deactivated person belonged to it; the revoked caller holds the owner's revoked token.
import { randomBytes } from 'node:crypto';
import { callerNames } from './authorization-world.js';
import { defaultAgreementBody } from './factories.js';
import { decisionRouteExpectations } from './authorization-decisions.js';
import { ideationRouteExpectations } from './authorization-ideation.js';
import { scratchRouteExpectations } from './authorization-scratch.js';
import type { CallerName, World } from './authorization-world.js';

/** What a caller sends to a route. */
export interface RouteRequest {
  url: string;
  payload?: object;
}

/** One row of the matrix. */
export interface RouteCase {
  /** The status each caller must get. */
  expect: Record<CallerName, number>;
  /** The request; objects a call changes or uses up are made fresh here. */
  request(world: World, caller: CallerName): RouteRequest | Promise<RouteRequest>;
  /**
   * Counts against the `posting` rate limit: the route writes content others read (a post, thread, idea,
   * answer or decision's outcome) as the caller. bad-input-writes.test.ts checks that exactly these
   * routes are limited.
   */
  posting?: boolean;
  /** Ends the admin's cookie session: runs after every other row. */
  runsLast?: boolean;
}

/**
 * Statuses in the order owner, admin, member, guest, outsider, foreign[, deactivated, revoked, anonymous];
 * the last three default to 401.
 */
function statuses(row: string): Record<CallerName, number> {
  const values = row.split(/\s+/).map(Number);
  const all = values.length === 6 ? [...values, 401, 401, 401] : values;
  if (all.length !== callerNames.length) throw new Error(`"${row}" needs 6 or 9 statuses`);
  return Object.fromEntries(callerNames.map((name, i) => [name, all[i]!])) as Record<CallerName, number>;
}

const everyone = statuses('200 200 200 200 200 200');
const readers = statuses('200 200 200 200 404 404');
const writers = statuses('201 201 201 201 404 404');
const channelManagers = statuses('200 200 200 403 404 404');
const managersOfPeople = statuses('200 200 403 403 403 404');
const onlyMember = statuses('404 404 204 404 404 404');
// Credential-free routes: any valid caller gets the route's own answer; a bad bearer token is refused first.
const open = (status: number) =>
  statuses(`${status} ${status} ${status} ${status} ${status} ${status} 401 401 ${status}`);

const onlyRecipient = statuses('404 404 200 404 404 404');
// A preview is a read that answers 200; a read-only token may not post, so it may not preview either.
const previewers = readers;
/** A draft that mentions and asks people of the private channel other than the caller. */
function previewBody(w: World, caller: CallerName) {
  const other = caller === 'admin' ? w.people.member : w.people.admin;
  return { mentions: [w.people.guest.id], asks: [{ personId: other.id, level: 'today' }] };
}

const linkToken = () => randomBytes(32).toString('base64url');
const newEmail = () => `${randomBytes(5).toString('hex')}@example.com`;

/** The matrix, keyed `METHOD /path/:param` as Fastify registers the route. */
export const routeExpectations: Record<string, RouteCase> = {
  'GET /api/v1/openapi.json': { expect: open(200), request: () => ({ url: '/api/v1/openapi.json' }) },
  'POST /api/v1/setup': {
    expect: open(410),
    request: () => ({
      url: '/api/v1/setup',
      payload: {
        token: linkToken(),
        workspaceName: 'Mine',
        email: newEmail(),
        displayName: 'Me',
        password: 'a long enough password',
      },
    }),
  },
  'POST /api/v1/auth/login': {
    expect: open(200),
    request: (w) => ({
      url: '/api/v1/auth/login',
      payload: { email: w.loginEmail, password: 'correct horse battery staple' },
    }),
  },
  'POST /api/v1/auth/logout': {
    expect: statuses('204 204 204 204 204 204'),
    request: () => ({ url: '/api/v1/auth/logout' }),
    runsLast: true,
  },
  'GET /api/v1/me': { expect: everyone, request: () => ({ url: '/api/v1/me' }) },
  'GET /api/v1/sessions': { expect: everyone, request: () => ({ url: '/api/v1/sessions' }) },
  'DELETE /api/v1/sessions/:id': {
    expect: onlyMember,
    request: async (w) => ({ url: `/api/v1/sessions/${await w.make.session(w.people.member)}` }),
  },
  'POST /api/v1/tokens': {
    expect: statuses('201 201 201 201 201 201'),
    request: () => ({ url: '/api/v1/tokens', payload: { name: 'cli', scope: 'read' } }),
  },
  'GET /api/v1/tokens': { expect: everyone, request: () => ({ url: '/api/v1/tokens' }) },
  'DELETE /api/v1/tokens/:id': {
    expect: onlyMember,
    request: async (w) => ({ url: `/api/v1/tokens/${await w.make.token(w.people.member)}` }),
  },
  'POST /api/v1/invitations': {
    // The foreign owner invites into its own workspace.
    expect: statuses('201 201 403 403 403 201'),
    request: () => ({ url: '/api/v1/invitations', payload: { role: 'guest' } }),
  },
  'GET /api/v1/invitations': {
    expect: statuses('200 200 403 403 403 200'),
    request: () => ({ url: '/api/v1/invitations' }),
  },
  'DELETE /api/v1/invitations/:id': {
    expect: statuses('204 204 403 403 403 404'),
    request: async (w) => ({ url: `/api/v1/invitations/${await w.make.invitation()}` }),
  },
  'POST /api/v1/invitations/accept': {
    expect: open(410),
    request: () => ({
      url: '/api/v1/invitations/accept',
      payload: {
        token: linkToken(),
        email: newEmail(),
        displayName: 'X',
        password: 'a long enough password',
      },
    }),
  },
  'GET /api/v1/people': { expect: everyone, request: () => ({ url: '/api/v1/people' }) },
  'PATCH /api/v1/people/:id': {
    expect: managersOfPeople,
    request: async (w) => ({
      url: `/api/v1/people/${(await w.make.guest()).id}`,
      payload: { role: 'member' },
    }),
  },
  'POST /api/v1/people/:id/deactivate': {
    expect: managersOfPeople,
    request: async (w) => ({ url: `/api/v1/people/${(await w.make.guest()).id}/deactivate` }),
  },
  'GET /api/v1/channels': { expect: everyone, request: () => ({ url: '/api/v1/channels' }) },
  'POST /api/v1/channels': {
    expect: statuses('201 201 201 403 201 201'),
    request: (w) => ({ url: '/api/v1/channels', payload: { name: w.make.name(), visibility: 'private' } }),
  },
  'GET /api/v1/channels/:id': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/channels/${w.private.channelId}` }),
  },
  'PATCH /api/v1/channels/:id': {
    expect: channelManagers,
    request: (w) => ({ url: `/api/v1/channels/${w.private.channelId}`, payload: { description: 'Renamed' } }),
  },
  'POST /api/v1/channels/:id/archive': {
    expect: channelManagers,
    request: (w) => ({ url: `/api/v1/channels/${w.archivableChannelId}/archive` }),
  },
  'POST /api/v1/channels/:id/unarchive': {
    expect: channelManagers,
    request: (w) => ({ url: `/api/v1/channels/${w.archivableChannelId}/unarchive` }),
  },
  'POST /api/v1/channels/:id/join': {
    // Private channels are joined by being added, even by their own members.
    expect: statuses('403 403 403 403 404 404'),
    request: (w) => ({ url: `/api/v1/channels/${w.private.channelId}/join` }),
  },
  'PUT /api/v1/channels/:id/members/:personId': {
    expect: statuses('204 204 204 403 404 404'),
    request: async (w) => ({
      url: `/api/v1/channels/${w.private.channelId}/members/${(await w.make.guest()).id}`,
    }),
  },
  'DELETE /api/v1/channels/:id/members/:personId': {
    expect: statuses('204 204 204 403 404 404'),
    request: async (w) => ({
      url: `/api/v1/channels/${w.private.channelId}/members/${(await w.make.channelMember()).id}`,
    }),
  },
  'GET /api/v1/channels/:id/threads': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/channels/${w.private.channelId}/threads` }),
  },
  'POST /api/v1/channels/:id/threads': {
    expect: writers,
    request: (w) => ({
      url: `/api/v1/channels/${w.private.channelId}/threads`,
      payload: { title: 'New', markdown: 'new' },
    }),
    posting: true,
  },
  'GET /api/v1/threads/:id': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/threads/${w.private.threadId}` }),
  },
  'PATCH /api/v1/threads/:id': {
    // The owner wrote it: its author and admins rename it.
    expect: statuses('200 200 403 403 404 404'),
    request: (w) => ({
      url: `/api/v1/threads/${w.private.threadId}`,
      payload: { title: w.private.threadTitle },
    }),
  },
  'PUT /api/v1/threads/:id/follow': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/threads/${w.private.threadId}/follow` }),
  },
  'DELETE /api/v1/threads/:id/follow': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/threads/${w.private.threadId}/follow` }),
  },
  'GET /api/v1/threads/:id/posts': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/threads/${w.private.threadId}/posts` }),
  },
  'POST /api/v1/threads/:id/posts': {
    expect: writers,
    request: (w) => ({ url: `/api/v1/threads/${w.private.threadId}/posts`, payload: { markdown: 'reply' } }),
    posting: true,
  },
  'GET /api/v1/posts/:id': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/posts/${w.private.postId}` }),
  },
  'PATCH /api/v1/posts/:id': {
    // Only the author edits, whatever the role.
    expect: statuses('403 403 200 403 404 404'),
    request: (w) => ({ url: `/api/v1/posts/${w.memberPostId}`, payload: { markdown: 'edited' } }),
    posting: true,
  },
  'DELETE /api/v1/posts/:id': {
    // The member wrote it: its author and admins delete it.
    expect: statuses('200 200 200 403 404 404'),
    request: async (w) => ({ url: `/api/v1/posts/${await w.make.post(w.people.member)}` }),
  },
  'GET /api/v1/posts/:id/versions': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/posts/${w.private.postId}/versions` }),
  },
  'PUT /api/v1/posts/:id/reactions/:emoji': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/posts/${w.private.postId}/reactions/heart` }),
  },
  'DELETE /api/v1/posts/:id/reactions/:emoji': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/posts/${w.private.postId}/reactions/heart` }),
  },
  'GET /api/v1/search': { expect: everyone, request: () => ({ url: '/api/v1/search?q=quokkaprivate' }) },
  // `follow=false` ends the stream after the replay, so that inject() returns.
  'GET /api/v1/events': {
    expect: everyone,
    request: () => ({ url: '/api/v1/events?follow=false&lastEventId=0' }),
  },
  // Only in test mode (the matrix app is); a normal start has no such route (test-clock.routes.test.ts).
  'POST /api/v1/test/clock': {
    expect: open(200),
    // Sets the matrix app's clock to the real time: nothing in the matrix depends on it.
    request: () => ({ url: '/api/v1/test/clock', payload: { now: new Date().toISOString() } }),
  },
  'GET /api/v1/me/rhythm': { expect: everyone, request: () => ({ url: '/api/v1/me/rhythm' }) },
  'PUT /api/v1/me/rhythm': {
    expect: everyone,
    request: () => ({
      url: '/api/v1/me/rhythm',
      payload: {
        rhythm: { timeZone: 'Europe/Berlin', week: { mon: ['09:00-17:00'] } },
        focus: { mon: ['09:00-11:00'] },
        delivery: { mode: 'batched', batchTimes: ['09:00', '13:30'] },
      },
    }),
  },
  'GET /api/v1/me/digest': { expect: everyone, request: () => ({ url: '/api/v1/me/digest' }) },
  'PUT /api/v1/me/digest': {
    expect: everyone,
    request: () => ({ url: '/api/v1/me/digest', payload: { enabled: true } }),
  },
  'GET /api/v1/me/time-off': { expect: everyone, request: () => ({ url: '/api/v1/me/time-off' }) },
  'POST /api/v1/me/time-off': {
    expect: statuses('201 201 201 201 201 201'),
    request: () => ({
      url: '/api/v1/me/time-off',
      payload: { from: '2031-08-03', to: '2031-08-14', note: 'Away' },
    }),
  },
  'DELETE /api/v1/me/time-off/:id': {
    expect: onlyMember,
    request: async (w) => ({ url: `/api/v1/me/time-off/${await w.make.timeOff(w.people.member)}` }),
  },
  'GET /api/v1/people/:id/availability': {
    // Any member of the workspace, guests included, sees when others work; never the other workspace.
    expect: statuses('200 200 200 200 200 404'),
    request: (w) => ({ url: `/api/v1/people/${w.people.member.id}/availability` }),
  },
  'GET /api/v1/availability': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/availability?channelId=${w.private.channelId}` }),
  },
  'GET /api/v1/agreement': { expect: everyone, request: () => ({ url: '/api/v1/agreement' }) },
  'PUT /api/v1/agreement': {
    // The foreign owner changes its own workspace's agreement.
    expect: statuses('200 200 403 403 403 200'),
    request: () => ({
      url: '/api/v1/agreement',
      payload: { agreement: defaultAgreementBody(), reason: 'Matrix' },
    }),
  },
  'GET /api/v1/agreement/versions': {
    expect: everyone,
    request: () => ({ url: '/api/v1/agreement/versions' }),
  },
  'GET /api/v1/agreement/document': {
    expect: everyone,
    request: () => ({ url: '/api/v1/agreement/document' }),
  },
  'GET /api/v1/channels/:id/agreement': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/channels/${w.private.channelId}/agreement` }),
  },
  'PUT /api/v1/channels/:id/agreement': {
    expect: channelManagers,
    request: (w) => ({
      url: `/api/v1/channels/${w.private.channelId}/agreement`,
      payload: { replyWindows: { today: 2 }, reason: 'Urgent support channel' },
    }),
  },
  'GET /api/v1/inbox': { expect: everyone, request: () => ({ url: '/api/v1/inbox' }) },
  'POST /api/v1/inbox/:id/done': {
    // Only the recipient; anyone else's id answers like one that does not exist.
    expect: onlyRecipient,
    request: async (w) => ({ url: `/api/v1/inbox/${await w.make.delivery(w.people.member)}/done` }),
  },
  'POST /api/v1/inbox/:id/undone': {
    expect: onlyRecipient,
    request: async (w) => ({ url: `/api/v1/inbox/${await w.make.delivery(w.people.member)}/undone` }),
  },
  'POST /api/v1/inbox/:id/snooze': {
    expect: onlyRecipient,
    request: async (w) => ({
      url: `/api/v1/inbox/${await w.make.delivery(w.people.member)}/snooze`,
      payload: { until: new Date(Date.now() + 86_400_000).toISOString() },
    }),
  },
  'GET /api/v1/waiting': { expect: everyone, request: () => ({ url: '/api/v1/waiting' }) },
  'POST /api/v1/asks/:id/answer': {
    expect: onlyRecipient,
    request: async (w) => ({ url: `/api/v1/asks/${await w.make.ask(w.people.member)}/answer` }),
  },
  'POST /api/v1/asks/:id/decline': {
    expect: onlyRecipient,
    request: async (w) => ({
      url: `/api/v1/asks/${await w.make.ask(w.people.member)}/decline`,
      payload: { reason: 'Out of scope for me' },
    }),
  },
  'POST /api/v1/asks/:id/acknowledge': {
    expect: onlyRecipient,
    request: async (w) => ({
      url: `/api/v1/asks/${await w.make.ask(w.people.member)}/acknowledge`,
      payload: { note: "Seen, I'll answer by Thursday" },
    }),
  },
  'POST /api/v1/threads/:id/landing-preview': {
    expect: previewers,
    request: (w, caller) => ({
      url: `/api/v1/threads/${w.private.threadId}/landing-preview`,
      payload: previewBody(w, caller),
    }),
  },
  'POST /api/v1/channels/:id/landing-preview': {
    expect: previewers,
    request: (w, caller) => ({
      url: `/api/v1/channels/${w.private.channelId}/landing-preview`,
      payload: previewBody(w, caller),
    }),
  },
  'GET /api/v1/posts/:id/landing': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/posts/${w.private.postId}/landing` }),
  },
  ...decisionRouteExpectations,
  ...ideationRouteExpectations,
  ...scratchRouteExpectations,
  // Sync time (issue 7): meetings are seen by their organiser, invitees and admins; changed by the organiser
  // or an admin; answered by invitees. Fixtures: the owner organises, the member is invited.
  'POST /api/v1/meetings': {
    expect: writers,
    posting: true,
    request: (w, caller) => ({
      url: '/api/v1/meetings',
      payload: {
        title: 'Matrix request',
        agendaThreadId: w.private.threadId,
        invitees: [caller === 'member' ? w.people.admin.id : w.people.member.id],
        startsAt: '2031-06-03T15:00:00Z',
        durationMinutes: 30,
        outsideWindowReason: 'Matrix',
      },
    }),
  },
  'GET /api/v1/meetings': { expect: everyone, request: () => ({ url: '/api/v1/meetings' }) },
  'GET /api/v1/meetings/notice': {
    // Invitees must be members of the caller's workspace: the foreign caller names someone it cannot see.
    expect: statuses('200 200 200 200 200 400'),
    request: (w) => ({ url: `/api/v1/meetings/notice?invitees=${w.people.member.id}` }),
  },
  'GET /api/v1/meetings/:id': {
    expect: statuses('200 200 200 404 404 404'),
    request: async (w) => ({ url: `/api/v1/meetings/${await w.make.meeting()}` }),
  },
  'POST /api/v1/meetings/:id/move': {
    expect: statuses('200 200 403 404 404 404'),
    posting: true,
    request: async (w) => ({
      url: `/api/v1/meetings/${await w.make.meeting()}/move`,
      payload: { startsAt: '2031-06-04T15:00:00Z', outsideWindowReason: 'Matrix move' },
    }),
  },
  'POST /api/v1/meetings/:id/cancel': {
    expect: statuses('200 200 403 404 404 404'),
    posting: true,
    request: async (w) => ({ url: `/api/v1/meetings/${await w.make.meeting()}/cancel` }),
  },
  'POST /api/v1/meetings/:id/response': {
    expect: statuses('403 403 200 404 404 404'),
    request: async (w) => ({
      url: `/api/v1/meetings/${await w.make.meeting()}/response`,
      payload: { response: 'maybe' },
    }),
  },
  'GET /api/v1/me/calendar-feed': { expect: everyone, request: () => ({ url: '/api/v1/me/calendar-feed' }) },
  'POST /api/v1/me/calendar-feed': { expect: everyone, request: () => ({ url: '/api/v1/me/calendar-feed' }) },
  'DELETE /api/v1/me/calendar-feed': {
    expect: statuses('204 204 204 204 204 204'),
    request: async (w, caller) => {
      const active = ['owner', 'admin', 'member', 'guest', 'outsider', 'foreign'] as const;
      const person = (active as readonly string[]).includes(caller)
        ? w.people[caller as (typeof active)[number]]
        : undefined;
      if (person) await w.make.calendarFeed(person);
      return { url: '/api/v1/me/calendar-feed' };
    },
  },
  'GET /api/v1/me/busy-calendar': { expect: everyone, request: () => ({ url: '/api/v1/me/busy-calendar' }) },
  'PUT /api/v1/me/busy-calendar': {
    // Every caller may import; the cloud metadata address is refused for all (BAD_INPUT row 21).
    expect: statuses('422 422 422 422 422 422'),
    request: () => ({ url: '/api/v1/me/busy-calendar', payload: { url: 'http://169.254.169.254/latest/' } }),
  },
  'DELETE /api/v1/me/busy-calendar': {
    expect: statuses('404 404 404 404 404 404'),
    request: () => ({ url: '/api/v1/me/busy-calendar' }),
  },
  'GET /api/v1/people/:id/busy': {
    expect: statuses('200 200 200 200 200 404'),
    request: (w) => ({ url: `/api/v1/people/${w.people.member.id}/busy` }),
  },
  'GET /api/v1/sync/candidates': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/sync/candidates?channelId=${w.private.channelId}` }),
  },
  'GET /api/v1/sync/coverage': { expect: everyone, request: () => ({ url: '/api/v1/sync/coverage' }) },
};
