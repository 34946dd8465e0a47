import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './agreement.schema.js';
import { agreementEtag } from './agreement.service.js';
import type { AgreementService } from './agreement.service.js';

const tags = ['agreement'];

/** Registers `/api/v1/agreement…` and `/api/v1/channels/:id/agreement`. */
export function registerAgreementRoutes(app: FastifyInstance, agreements: AgreementService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/agreement',
    {
      schema: {
        tags,
        summary: "My workspace's working agreement",
        response: { 200: s.agreementVersionSchema },
      },
    },
    async (req, reply) => {
      const current = await agreements.get(requireCaller(req));
      return reply.header('etag', agreementEtag(current.version)).send(current);
    },
  );
  r.put(
    '/api/v1/agreement',
    {
      schema: {
        tags,
        summary: 'Change the agreement (owners and admins); send If-Match with the version you read',
        body: s.putAgreementBody,
        response: { 200: s.agreementVersionSchema },
      },
    },
    async (req, reply) => {
      const ifMatch = req.headers['if-match'];
      const changed = await agreements.change(requireCaller(req), req.body, ifMatch);
      return reply.header('etag', agreementEtag(changed.version)).send(changed);
    },
  );
  r.get(
    '/api/v1/agreement/versions',
    {
      schema: {
        tags,
        summary: 'Every version of the agreement, newest first, with author, time and reason',
        querystring: pageQuery,
        response: { 200: s.agreementVersionPage },
      },
    },
    (req) => agreements.versions(requireCaller(req), toPageRequest(req.query)),
  );
  r.get(
    '/api/v1/agreement/document',
    {
      schema: {
        tags,
        summary: 'The agreement as the "How we work" markdown document',
        response: { 200: s.agreementDocument },
      },
    },
    (req) => agreements.document(requireCaller(req)),
  );
  r.get(
    '/api/v1/channels/:id/agreement',
    {
      schema: {
        tags,
        summary: "A channel's reply windows",
        params: s.channelAgreementParams,
        response: { 200: s.channelAgreementSchema },
      },
    },
    (req) => agreements.getChannel(requireCaller(req), req.params.id),
  );
  r.put(
    '/api/v1/channels/:id/agreement',
    {
      schema: {
        tags,
        summary: "Override a channel's reply windows (its members and admins)",
        params: s.channelAgreementParams,
        body: s.putChannelAgreementBody,
        response: { 200: s.channelAgreementSchema },
      },
    },
    (req) => agreements.changeChannel(requireCaller(req), req.params.id, req.body),
  );
}
