// The authorization matrix rows of the decision routes (issue 6), spread into routeExpectations. The
// owner, admin, member and guest see the private thread; the outsider and the foreign caller do not.
import type { RouteCase } from './authorization-expectations.js';
import type { CallerName, World } from './authorization-world.js';

type Statuses = Record<CallerName, number>;

function statuses(row: string): Statuses {
  const [owner, admin, member, guest, outsider, foreign] = row.split(/\s+/).map(Number) as number[];
  return {
    owner: owner!,
    admin: admin!,
    member: member!,
    guest: guest!,
    outsider: outsider!,
    foreign: foreign!,
    deactivated: 401,
    revoked: 401,
    anonymous: 401,
  };
}

const readers = statuses('200 200 200 200 404 404');
// The admin is no participant: roles grant no response.
const participants = statuses('200 403 200 200 404 404');
const decider = statuses('200 403 403 403 404 404');
const respondents = (w: World) => [w.people.owner.id, w.people.member.id, w.people.guest.id];

/** The rows, keyed as Fastify registers the routes. */
export const decisionRouteExpectations: Record<string, RouteCase> = {
  'POST /api/v1/threads/:id/decisions': {
    expect: statuses('201 201 201 201 404 404'),
    request: (w) => ({
      url: `/api/v1/threads/${w.private.threadId}/decisions`,
      payload: {
        question: 'Adopt the plan?',
        mode: 'consent',
        requiredIds: [w.people.member.id, w.people.owner.id],
      },
    }),
    posting: true,
  },
  'GET /api/v1/threads/:id/decisions': {
    expect: readers,
    request: (w) => ({ url: `/api/v1/threads/${w.private.threadId}/decisions` }),
  },
  'GET /api/v1/decisions/:id': {
    expect: readers,
    request: async (w) => ({
      url: `/api/v1/decisions/${await w.make.decision({ participantIds: respondents(w) })}`,
    }),
  },
  'PUT /api/v1/decisions/:id/response': {
    expect: participants,
    request: async (w) => ({
      url: `/api/v1/decisions/${await w.make.decision({ participantIds: respondents(w) })}/response`,
      payload: { kind: 'consent' },
    }),
  },
  'POST /api/v1/decisions/:id/withdraw-block': {
    expect: participants,
    request: async (w) => ({
      url: `/api/v1/decisions/${await w.make.decision({ participantIds: respondents(w), responses: 'block' })}/withdraw-block`,
    }),
  },
  'POST /api/v1/decisions/:id/close': {
    expect: decider,
    posting: true,
    request: async (w) => ({
      url: `/api/v1/decisions/${await w.make.decision({ participantIds: respondents(w), responses: 'consent' })}/close`,
    }),
  },
  'POST /api/v1/decisions/:id/tie-break': {
    expect: decider,
    posting: true,
    request: async (w) => ({
      url: `/api/v1/decisions/${await w.make.decision({ participantIds: [w.people.owner.id, w.people.member.id], responses: 'tie', state: 'awaiting_tiebreak' })}/tie-break`,
      payload: { option: 0 },
    }),
  },
  'GET /api/v1/decision-log': {
    expect: statuses('200 200 200 200 200 200'),
    request: () => ({ url: '/api/v1/decision-log?q=matrix' }),
  },
  'GET /api/v1/decision-log/export': {
    expect: statuses('200 200 200 200 200 200'),
    request: () => ({ url: '/api/v1/decision-log/export?format=csv' }),
  },
};
