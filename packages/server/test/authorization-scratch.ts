// The authorization matrix rows of the scratch-thread routes (issue 6), spread into routeExpectations. A
// scratch thread is started by the owner in the private channel with the member and the guest taking part:
// the admin sees the private channel but is no participant, so it gets the 404 of a random id, as do the
// outsider and the foreign caller. Anyone may list their own scratch threads (the outsider's list is empty).
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

const participants = statuses('200 404 200 200 404 404');

/** A fresh scratch thread of the owner's in the private channel, with the member and the guest; its id. */
async function scratchThread(w: World): Promise<string> {
  const response = await w.app.inject({
    method: 'POST',
    url: `/api/v1/channels/${w.private.channelId}/scratch-threads`,
    headers: w.headers.owner,
    payload: {
      title: 'Thinking aloud',
      markdown: 'Not ready for the channel yet.',
      participantIds: [w.people.member.id, w.people.guest.id],
    },
  });
  if (response.statusCode !== 201) throw new Error(`scratch thread: ${response.body}`);
  return response.json<{ thread: { id: string } }>().thread.id;
}

/** The rows, keyed as Fastify registers the routes. */
export const scratchRouteExpectations: Record<string, RouteCase> = {
  'POST /api/v1/channels/:id/scratch-threads': {
    expect: statuses('201 201 201 201 404 404'),
    posting: true,
    request: (w) => ({
      url: `/api/v1/channels/${w.private.channelId}/scratch-threads`,
      payload: { title: 'Half an idea', markdown: 'Thinking aloud.', participantIds: [w.people.member.id] },
    }),
  },
  'GET /api/v1/scratch-threads': {
    expect: statuses('200 200 200 200 200 200'),
    request: () => ({ url: '/api/v1/scratch-threads' }),
  },
  'GET /api/v1/scratch-threads/:id': {
    expect: participants,
    request: async (w) => ({ url: `/api/v1/scratch-threads/${await scratchThread(w)}` }),
  },
  'POST /api/v1/scratch-threads/:id/participants': {
    expect: participants,
    request: async (w) => ({
      url: `/api/v1/scratch-threads/${await scratchThread(w)}/participants`,
      payload: { personIds: [w.people.admin.id] },
    }),
  },
  'POST /api/v1/scratch-threads/:id/promote': {
    expect: participants,
    request: async (w) => ({ url: `/api/v1/scratch-threads/${await scratchThread(w)}/promote` }),
  },
};
