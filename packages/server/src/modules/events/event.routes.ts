import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './event.schema.js';
import type { EventService } from './event.service.js';
import { defaultStreamOptions, runEventStream } from './event.stream.js';
import type { StreamOptions } from './event.stream.js';

/**
 * Registers `GET /api/v1/events`: the caller's live updates as Server-Sent Events, resumable with
 * `Last-Event-ID`, scoped to the caller's person and workspace.
 */
export function registerEventRoutes(
  app: FastifyInstance,
  events: EventService,
  options: Partial<StreamOptions> = {},
): void {
  const streamOptions = { ...defaultStreamOptions, ...options };
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/events',
    {
      schema: { querystring: s.eventsQuery, produces: ['text/event-stream'], response: { 200: s.eventData } },
    },
    async (req, reply) => {
      const caller = requireCaller(req);
      const header = req.headers['last-event-id'];
      const sent = typeof header === 'string' ? header.trim() : req.query.lastEventId;
      const path = typeof header === 'string' ? 'headers.last-event-id' : 'query.lastEventId';
      const cursor = await events.resolveCursor(sent, path);
      const follow = req.query.follow === 'true';
      // Refuses before anything is written, so that a refusal is still a problem document.
      const probe = follow
        ? events.subscribe(caller, { wake: () => undefined, close: () => undefined })
        : null;
      probe?.();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': req.id,
      });
      res.flushHeaders();
      runEventStream(
        events,
        caller,
        res,
        { cursor, follow, onError: (error) => req.log.error({ err: error }, 'an event stream failed') },
        streamOptions,
      );
    },
  );
}
