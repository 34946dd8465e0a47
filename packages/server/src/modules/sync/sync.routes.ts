import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './sync.schema.js';
import type { SyncService } from './sync.service.js';

const tags = ['sync'];

/** Registers `/api/v1/sync/candidates` and `/api/v1/sync/coverage`. */
export function registerSyncRoutes(app: FastifyInstance, sync: SyncService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/sync/candidates',
    {
      schema: {
        tags,
        summary: 'Candidate sync windows over the next four weeks, ranked, naming who is left out',
        querystring: s.candidatesQuery,
        response: { 200: s.candidatesSchema },
      },
    },
    (req) => sync.candidates(requireCaller(req), req.query),
  );
  r.get(
    '/api/v1/sync/coverage',
    {
      schema: {
        tags,
        summary: "Who the agreement's fixed sync windows miss in the next four weeks",
        response: { 200: s.coverageSchema },
      },
    },
    (req) => sync.coverage(requireCaller(req)),
  );
}
