import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './meeting.schema.js';
import type { MeetingService } from './meeting.service.js';

const tags = ['meetings'];
// Requesting, moving and cancelling post into the agenda thread as the caller: they count as posting.
const posting = { rateLimit: 'posting' as const };
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Registers `/api/v1/meetings…`. */
export function registerMeetingRoutes(app: FastifyInstance, meetings: MeetingService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/meetings',
    {
      config: posting,
      schema: {
        tags,
        summary:
          'Request a meeting: invitees, duration, agenda thread, a start giving each invitee the notice',
        body: s.requestMeetingBody,
        response: { 201: s.meetingSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await meetings.request(requireCaller(req), req.body)),
  );
  r.get(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: 'My scheduled meetings (organised or invited) in a range',
        querystring: s.listMeetingsQuery,
        response: { 200: s.meetingList },
      },
    },
    async (req) => ({ items: await meetings.list(requireCaller(req), req.query) }),
  );
  r.get(
    '/api/v1/meetings/notice',
    {
      schema: {
        tags,
        summary: "Each invitee's earliest allowed start for a meeting requested now",
        querystring: s.noticeQuery,
        response: { 200: s.noticeSchema },
      },
    },
    async (req) => {
      const check = await meetings.notice(requireCaller(req), req.query.invitees);
      return {
        noticeHours: check.noticeHours,
        earliestStart: iso(check.earliestStart),
        invitees: check.invitees.map((i) => ({ personId: i.personId, earliestStart: iso(i.earliestStart) })),
      };
    },
  );
  r.get(
    '/api/v1/meetings/:id',
    { schema: { tags, summary: 'A meeting', params: s.meetingParams, response: { 200: s.meetingSchema } } },
    (req) => meetings.get(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/meetings/:id/move',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Move a meeting (organiser or admin); inside the notice it is marked late',
        params: s.meetingParams,
        body: s.moveMeetingBody,
        response: { 200: s.meetingSchema },
      },
    },
    (req) => meetings.move(requireCaller(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/meetings/:id/cancel',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Cancel a meeting (organiser or admin); inside the notice it is marked late',
        params: s.meetingParams,
        response: { 200: s.meetingSchema },
      },
    },
    (req) => meetings.cancel(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/meetings/:id/response',
    {
      schema: {
        tags,
        summary: 'Answer a meeting request: yes, no or maybe (invitees)',
        params: s.meetingParams,
        body: s.respondBody,
        response: { 200: s.meetingSchema },
      },
    },
    (req) => meetings.respond(requireCaller(req), req.params.id, req.body.response),
  );
}
