import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { InvitationRow } from '../../shared/database.js';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import { sessionCookieFor, signedInResponse, toSignedInBody } from '../sessions/index.js';
import { invitationStatus } from './invitations.domain.js';
import {
  acceptInvitationBody,
  createInvitationBody,
  createdInvitationResponse,
  invitationListResponse,
  invitationParams,
} from './invitations.schema.js';
import {
  acceptInvitation,
  createInvitation,
  listWorkspaceInvitations,
  revokeWorkspaceInvitation,
} from './invitations.service.js';
import type { InvitationDeps } from './invitations.service.js';

const tags = ['invitations'];

function toInvitationBody(row: InvitationRow, now: number) {
  const { id, email, role, invitedBy, createdAt, expiresAt } = row;
  return { id, email, role, status: invitationStatus(row, now), invitedBy, createdAt, expiresAt };
}

/** Registers the invitation endpoints under `/api/v1/invitations`. */
export function registerInvitationRoutes(app: FastifyInstance, deps: InvitationDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone (owners and admins)',
        body: createInvitationBody,
        response: { 201: createdInvitationResponse },
      },
    },
    async (request, reply) => {
      const created = await createInvitation(deps, requireCaller(request), request.body);
      reply.header('cache-control', 'no-store');
      return reply
        .status(201)
        .send({ ...toInvitationBody(created.invitation, deps.now()), linkPath: created.linkPath });
    },
  );
  api.get(
    '/api/v1/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations of my workspace',
        querystring: pageQuery,
        response: { 200: invitationListResponse },
      },
    },
    async (request) => {
      const page = await listWorkspaceInvitations(deps, requireCaller(request), toPageRequest(request.query));
      const now = deps.now();
      return { items: page.items.map((row) => toInvitationBody(row, now)), nextCursor: page.nextCursor };
    },
  );
  api.delete(
    '/api/v1/invitations/:id',
    { schema: { tags, summary: 'Revoke an invitation', params: invitationParams } },
    async (request, reply) => {
      await revokeWorkspaceInvitation(deps, requireCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );
  api.post(
    '/api/v1/invitations/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation',
        body: acceptInvitationBody,
        response: { 200: signedInResponse },
      },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const signedIn = await acceptInvitation(deps, { ...request.body, clientIp: request.ip, userAgent });
      reply.header('set-cookie', sessionCookieFor(request, signedIn.token));
      return toSignedInBody(signedIn);
    },
  );
}
