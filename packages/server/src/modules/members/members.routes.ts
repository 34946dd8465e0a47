import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import { changeRoleBody, memberListResponse, memberParams, memberSchema } from './members.schema.js';
import { changeRole, deactivateMember, listMembers } from './members.service.js';
import type { MemberDeps } from './members.service.js';

const tags = ['people'];

/** Registers `GET /api/v1/people`, `PATCH /api/v1/people/:id` and `POST /api/v1/people/:id/deactivate`. */
export function registerMemberRoutes(app: FastifyInstance, deps: MemberDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/people',
    {
      schema: {
        tags,
        summary: 'Members of my workspace',
        querystring: pageQuery,
        response: { 200: memberListResponse },
      },
    },
    (request) => listMembers(deps, requireCaller(request), toPageRequest(request.query)),
  );
  api.patch(
    '/api/v1/people/:id',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: memberParams,
        body: changeRoleBody,
        response: { 200: memberSchema },
      },
    },
    async (request) => changeRole(deps, requireCaller(request), request.params.id, request.body.role),
  );
  api.post(
    '/api/v1/people/:id/deactivate',
    {
      schema: { tags, summary: 'Deactivate a member', params: memberParams, response: { 200: memberSchema } },
    },
    async (request) => deactivateMember(deps, requireCaller(request), request.params.id),
  );
}
