import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decodeCursor } from '../../shared/keyset-page.js';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './search.schema.js';
import type { SearchService } from './search.service.js';

/** Registers `GET /api/v1/search`. */
export function registerSearchRoutes(app: FastifyInstance, search: SearchService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/search',
    { schema: { querystring: s.searchQuery, response: { 200: s.searchPage } } },
    (req) => {
      const { cursor, ...query } = req.query;
      return search.search(requireCaller(req), {
        ...query,
        ...(cursor ? { after: decodeCursor(cursor) } : {}),
      });
    },
  );
}
