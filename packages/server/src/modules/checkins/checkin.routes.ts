import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './checkin.schema.js';
import type { CheckinService } from './checkin.service.js';

const tags = ['check-ins'];
const posting = { rateLimit: 'posting' as const };

/** Registers `/api/v1/checkins…` and `/api/v1/me/checkin-asks`. */
export function registerCheckinRoutes(app: FastifyInstance, checkins: CheckinService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/checkins',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Open a recurring check-in in a thread',
        body: s.openCheckinBody,
        response: { 201: s.checkinSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await checkins.open(requireCaller(req), req.body)),
  );
  r.get(
    '/api/v1/checkins/:id',
    {
      schema: {
        tags,
        summary: 'A check-in and its rounds’ team figures',
        params: s.idParams,
        response: { 200: s.checkinSchema },
      },
    },
    (req) => checkins.get(requireCaller(req), req.params.id),
  );
  r.get(
    '/api/v1/me/checkin-asks',
    {
      schema: { tags, summary: 'Your check-in questions of rounds still open', response: { 200: s.askList } },
    },
    (req) => checkins.myAsks(requireCaller(req)),
  );
  r.post(
    '/api/v1/checkins/:id/answers',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Answer your check-in question',
        params: s.idParams,
        body: s.answerBody,
        response: { 200: s.askSchema },
      },
    },
    (req) => checkins.answer(requireCaller(req), req.params.id, req.body),
  );
}
