import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import { toPageRequest } from '../../shared/keyset-page.js';
import * as s from './thread.schema.js';
import type { ThreadService } from './thread.service.js';

/** Registers `/api/v1/channels/:id/threads` (list) and `/api/v1/threads…`. */
export function registerThreadRoutes(app: FastifyInstance, threads: ThreadService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/channels/:id/threads',
    { schema: { params: s.threadParams, querystring: pageQuery, response: { 200: s.threadPage } } },
    (req) => threads.list(requireCaller(req), req.params.id, toPageRequest(req.query)),
  );
  r.get(
    '/api/v1/threads/:id',
    { schema: { params: s.threadParams, response: { 200: s.threadSchema } } },
    (req) => threads.get(requireCaller(req), req.params.id),
  );
  r.patch(
    '/api/v1/threads/:id',
    { schema: { params: s.threadParams, body: s.renameThreadBody, response: { 200: s.threadSchema } } },
    (req) => threads.rename(requireCaller(req), req.params.id, req.body.title),
  );
  r.put(
    '/api/v1/threads/:id/follow',
    { schema: { params: s.threadParams, response: { 200: s.threadSchema } } },
    (req) => threads.setFollowing(requireCaller(req), req.params.id, true),
  );
  r.delete(
    '/api/v1/threads/:id/follow',
    { schema: { params: s.threadParams, response: { 200: s.threadSchema } } },
    (req) => threads.setFollowing(requireCaller(req), req.params.id, false),
  );
}
