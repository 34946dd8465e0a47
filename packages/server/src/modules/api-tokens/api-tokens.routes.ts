import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiTokenRow } from '../../shared/database.js';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import {
  createTokenBody,
  createdTokenResponse,
  tokenListResponse,
  tokenParams,
} from './api-tokens.schema.js';
import { createApiToken, listApiTokens, revokeMyApiToken } from './api-tokens.service.js';
import type { ApiTokenDeps } from './api-tokens.service.js';

const tags = ['tokens'];

function toTokenBody(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}

/** Registers `POST/GET /api/v1/tokens` and `DELETE /api/v1/tokens/:id`. */
export function registerApiTokenRoutes(app: FastifyInstance, deps: ApiTokenDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token',
        body: createTokenBody,
        response: { 201: createdTokenResponse },
      },
    },
    async (request, reply) => {
      const { token, row } = await createApiToken(deps, requireCaller(request), request.body);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ ...toTokenBody(row), token });
    },
  );
  api.get(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens',
        querystring: pageQuery,
        response: { 200: tokenListResponse },
      },
    },
    async (request) => {
      const page = await listApiTokens(deps, requireCaller(request), toPageRequest(request.query));
      return { items: page.items.map(toTokenBody), nextCursor: page.nextCursor };
    },
  );
  api.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: tokenParams } },
    async (request, reply) => {
      await revokeMyApiToken(deps, requireCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
