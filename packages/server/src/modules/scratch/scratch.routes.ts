import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import { threadSchema } from '../threads/index.js';
import * as s from './scratch.schema.js';
import type { ScratchService } from './scratch.service.js';

/**
 * Registers `/api/v1/channels/:id/scratch-threads` (start one whose home is the channel) and
 * `/api/v1/scratch-threads…` (list, read, add participants, promote). Reading and writing posts goes
 * through the ordinary thread and post routes, which a non-participant gets 404 from.
 */
export function registerScratchRoutes(app: FastifyInstance, scratch: ScratchService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/channels/:id/scratch-threads',
    {
      config: { rateLimit: 'posting' as const },
      schema: { params: s.scratchParams, body: s.newScratchBody, response: { 201: s.newScratchResponse } },
    },
    async (req, reply) =>
      reply.status(201).send(await scratch.create(requireCaller(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/scratch-threads',
    { schema: { querystring: pageQuery, response: { 200: s.scratchPage } } },
    (req) => scratch.list(requireCaller(req), toPageRequest(req.query)),
  );
  r.get(
    '/api/v1/scratch-threads/:id',
    { schema: { params: s.scratchParams, response: { 200: s.scratchSchema } } },
    (req) => scratch.get(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/scratch-threads/:id/participants',
    { schema: { params: s.scratchParams, body: s.addParticipantsBody, response: { 200: s.scratchSchema } } },
    (req) => scratch.addParticipants(requireCaller(req), req.params.id, req.body.personIds),
  );
  r.post(
    '/api/v1/scratch-threads/:id/promote',
    { schema: { params: s.scratchParams, response: { 200: threadSchema } } },
    (req) => scratch.promote(requireCaller(req), req.params.id),
  );
}
