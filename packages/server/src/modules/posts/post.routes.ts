import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import { postEtag } from './post.domain.js';
import * as s from './post.schema.js';
import type { PostService } from './post.service.js';
import type { ThreadPageReader } from './post-page.js';

const posting = { rateLimit: 'posting' as const };

/**
 * Registers thread starting, `/api/v1/threads/:id/posts` and `/api/v1/posts…`. Pages of a thread's posts
 * are read through `pages`, which may answer with a page serialized for the same caller earlier.
 */
export function registerPostRoutes(app: FastifyInstance, posts: PostService, pages: ThreadPageReader): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A fresh page that may be kept, by request, until its response is serialized (with a signed cursor).
  const keepers = new WeakMap<FastifyRequest, (serialized: string) => void>();
  r.post(
    '/api/v1/channels/:id/threads',
    {
      config: posting,
      schema: { params: s.idParams, body: s.startThreadBody, response: { 201: s.startThreadResponse } },
    },
    async (req, reply) =>
      reply.status(201).send(await posts.startThread(requireCaller(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/threads/:id/posts',
    {
      schema: { params: s.idParams, querystring: pageQuery, response: { 200: s.postPage } },
      onSend: async (req, reply, payload) => {
        const keep = keepers.get(req);
        if (keep && req.method === 'GET' && reply.statusCode === 200 && typeof payload === 'string')
          keep(payload);
        return payload;
      },
    },
    async (req, reply) => {
      const read = await pages.read(requireCaller(req), req.params.id, toPageRequest(req.query));
      // Already serialized (and its cursor signed) for this caller: sent as it is.
      if ('body' in read) return reply.type('application/json; charset=utf-8').send(read.body as never);
      if (read.keep) keepers.set(req, read.keep);
      return read.page;
    },
  );
  r.post(
    '/api/v1/threads/:id/posts',
    { config: posting, schema: { params: s.idParams, body: s.newPostBody, response: { 201: s.postSchema } } },
    async (req, reply) => {
      const post = await posts.reply(requireCaller(req), req.params.id, req.body);
      return reply.status(201).header('etag', postEtag(post.version)).send(post);
    },
  );
  r.get(
    '/api/v1/posts/:id',
    { schema: { params: s.idParams, response: { 200: s.postSchema } } },
    async (req, reply) => {
      const post = await posts.get(requireCaller(req), req.params.id);
      return reply.header('etag', postEtag(post.version)).send(post);
    },
  );
  r.patch(
    '/api/v1/posts/:id',
    { config: posting, schema: { params: s.idParams, body: s.postBody, response: { 200: s.postSchema } } },
    async (req, reply) => {
      const post = await posts.edit(requireCaller(req), req.params.id, req.body, req.headers['if-match']);
      return reply.header('etag', postEtag(post.version)).send(post);
    },
  );
  r.delete('/api/v1/posts/:id', { schema: { params: s.idParams, response: { 200: s.postSchema } } }, (req) =>
    posts.delete(requireCaller(req), req.params.id),
  );
  r.get(
    '/api/v1/posts/:id/versions',
    { schema: { params: s.idParams, querystring: pageQuery, response: { 200: s.versionPage } } },
    (req) => posts.versions(requireCaller(req), req.params.id, toPageRequest(req.query)),
  );
  r.put(
    '/api/v1/posts/:id/reactions/:emoji',
    { schema: { params: s.reactionParams, response: { 200: s.postSchema } } },
    (req) => posts.react(requireCaller(req), req.params.id, req.params.emoji, true),
  );
  r.delete(
    '/api/v1/posts/:id/reactions/:emoji',
    { schema: { params: s.reactionParams, response: { 200: s.postSchema } } },
    (req) => posts.react(requireCaller(req), req.params.id, req.params.emoji, false),
  );
}
