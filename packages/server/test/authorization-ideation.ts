// The authorization matrix rows of the ideation and check-in routes (issue 6), spread into routeExpectations.
// The owner, admin, member and guest see the private channel and take part in its rounds; the outsider and
// the foreign caller do not see it. Rounds are still collecting: another person's idea answers 404 (blind),
// and an idea's own author is told the phase (409). Check-ins ask the member alone, who has no ask yet.
import type { RouteCase } from './authorization-expectations.js';
import type { CallerName, World } from './authorization-world.js';

function statuses(row: string): Record<CallerName, number> {
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
const writers = statuses('201 201 201 201 404 404');
const roundBody = (w: World) => ({
  channelId: w.private.channelId,
  prompt: 'How could onboarding be faster?',
  participantIds: [w.people.member.id, w.people.guest.id],
});
const checkinBody = (w: World) => ({
  threadId: w.private.threadId,
  questions: [{ text: 'What did you finish?' }, { text: 'What is in your way?', isBlocker: true }],
  weekdays: ['mon', 'wed', 'fri'],
  localTime: '16:30',
  participantIds: [w.people.member.id],
});

/** The rows, keyed as Fastify registers the routes. */
export const ideationRouteExpectations: Record<string, RouteCase> = {
  'POST /api/v1/ideation-rounds': {
    expect: writers,
    posting: true,
    request: (w) => ({ url: '/api/v1/ideation-rounds', payload: roundBody(w) }),
  },
  'GET /api/v1/ideation-rounds/:id': {
    expect: readers,
    request: async (w) => ({ url: `/api/v1/ideation-rounds/${(await w.make.ideationRound()).roundId}` }),
  },
  'GET /api/v1/ideation-rounds/:id/ideas': {
    expect: readers,
    request: async (w) => ({
      url: `/api/v1/ideation-rounds/${(await w.make.ideationRound()).roundId}/ideas`,
    }),
  },
  'POST /api/v1/ideation-rounds/:id/ideas': {
    expect: writers,
    posting: true,
    request: async (w) => ({
      url: `/api/v1/ideation-rounds/${(await w.make.ideationRound()).roundId}/ideas`,
      payload: { text: 'Pair every newcomer with a buddy' },
    }),
  },
  'GET /api/v1/ideation-rounds/:id/export': {
    // Exported after the reveal only.
    expect: statuses('409 409 409 409 404 404'),
    request: async (w) => ({
      url: `/api/v1/ideation-rounds/${(await w.make.ideationRound()).roundId}/export`,
    }),
  },
  'PATCH /api/v1/ideas/:id': {
    expect: statuses('404 404 200 404 404 404'),
    posting: true,
    request: async (w) => ({
      url: `/api/v1/ideas/${(await w.make.ideationRound()).ideaId}`,
      payload: { text: 'A clearer idea' },
    }),
  },
  'PUT /api/v1/ideas/:id/dots': {
    expect: statuses('404 404 409 404 404 404'),
    request: async (w) => ({
      url: `/api/v1/ideas/${(await w.make.ideationRound()).ideaId}/dots`,
      payload: { dots: 1 },
    }),
  },
  'DELETE /api/v1/ideas/:id/dots': {
    expect: statuses('404 404 409 404 404 404'),
    request: async (w) => ({ url: `/api/v1/ideas/${(await w.make.ideationRound()).ideaId}/dots` }),
  },
  'POST /api/v1/ideas/:id/promote': {
    expect: statuses('404 404 409 404 404 404'),
    posting: true,
    request: async (w) => ({
      url: `/api/v1/ideas/${(await w.make.ideationRound()).ideaId}/promote`,
      payload: { to: 'thread' },
    }),
  },
  'POST /api/v1/checkins': {
    expect: writers,
    posting: true,
    request: (w) => ({ url: '/api/v1/checkins', payload: checkinBody(w) }),
  },
  'GET /api/v1/checkins/:id': {
    expect: readers,
    request: async (w) => ({ url: `/api/v1/checkins/${await w.make.checkin()}` }),
  },
  'GET /api/v1/me/checkin-asks': {
    expect: statuses('200 200 200 200 200 200'),
    request: () => ({ url: '/api/v1/me/checkin-asks' }),
  },
  'POST /api/v1/checkins/:id/answers': {
    // Only participants answer (403 for the others who see it); the member has not been asked yet.
    expect: statuses('403 403 409 403 404 404'),
    posting: true,
    request: async (w) => ({
      url: `/api/v1/checkins/${await w.make.checkin()}/answers`,
      payload: { answers: ['Shipped the importer'] },
    }),
  },
};
