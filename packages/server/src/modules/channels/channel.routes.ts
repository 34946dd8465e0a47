import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import { toPageRequest } from '../../shared/keyset-page.js';
import * as s from './channel.schema.js';
import type { ChannelService } from './channel.service.js';

/** Registers `/api/v1/channels…`. */
export function registerChannelRoutes(app: FastifyInstance, channels: ChannelService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/channels', { schema: { querystring: pageQuery, response: { 200: s.channelPage } } }, (req) =>
    channels.list(requireCaller(req), toPageRequest(req.query)),
  );
  r.post(
    '/api/v1/channels',
    { schema: { body: s.createChannelBody, response: { 201: s.channelSchema } } },
    async (req, reply) => reply.status(201).send(await channels.create(requireCaller(req), req.body)),
  );
  r.get(
    '/api/v1/channels/:id',
    { schema: { params: s.channelParams, response: { 200: s.channelSchema } } },
    (req) => channels.get(requireCaller(req), req.params.id),
  );
  r.patch(
    '/api/v1/channels/:id',
    { schema: { params: s.channelParams, body: s.updateChannelBody, response: { 200: s.channelSchema } } },
    (req) => channels.update(requireCaller(req), req.params.id, req.body),
  );
  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    r.post(
      `/api/v1/channels/:id/${action}`,
      { schema: { params: s.channelParams, response: { 200: s.channelSchema } } },
      (req) => channels.setArchived(requireCaller(req), req.params.id, archived),
    );
  }
  r.post(
    '/api/v1/channels/:id/join',
    { schema: { params: s.channelParams, response: { 200: s.channelSchema } } },
    (req) => channels.join(requireCaller(req), req.params.id),
  );
  r.put(
    '/api/v1/channels/:id/members/:personId',
    { schema: { params: s.channelMemberParams } },
    async (req, reply) => {
      await channels.addMember(requireCaller(req), req.params.id, req.params.personId);
      return reply.status(204).send();
    },
  );
  r.delete(
    '/api/v1/channels/:id/members/:personId',
    { schema: { params: s.channelMemberParams } },
    async (req, reply) => {
      await channels.removeMember(requireCaller(req), req.params.id, req.params.personId);
      return reply.status(204).send();
    },
  );
}
