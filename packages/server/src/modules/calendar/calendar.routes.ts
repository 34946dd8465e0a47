import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import { FeedNotFound } from './calendar.errors.js';
import * as s from './calendar.schema.js';
import type { CalendarService } from './calendar.service.js';

const tags = ['calendar'];

/**
 * Registers `/api/v1/me/calendar-feed`, `/api/v1/me/busy-calendar`, `/api/v1/people/:id/busy` and the feed
 * itself at `/calendar/:workspaceId/<token>.ics` (outside /api/v1: calendar clients send no credentials; the
 * token in the path is the credential, and the logger redacts it).
 */
export function registerCalendarRoutes(app: FastifyInstance, calendar: CalendarService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/me/calendar-feed',
    { schema: { tags, summary: 'Whether I have a private calendar feed', response: { 200: s.feedSchema } } },
    (req) => calendar.getFeed(requireCaller(req)),
  );
  r.post(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Make my private calendar feed, or rotate its token (the old URL stops working)',
        response: { 200: s.feedSchema },
      },
    },
    (req) => calendar.rotateFeed(requireCaller(req)),
  );
  r.delete(
    '/api/v1/me/calendar-feed',
    { schema: { tags, summary: 'Remove my calendar feed' } },
    async (req, reply) => {
      await calendar.deleteFeed(requireCaller(req));
      return reply.code(204).send();
    },
  );
  r.get(
    '/calendar/:workspaceId/:file',
    { schema: { hide: true, params: s.feedFileParams } },
    async (req, reply) => {
      const match = /^([A-Za-z0-9_-]{16,100})\.ics$/.exec(req.params.file);
      if (!match) throw new FeedNotFound();
      const text = await calendar.renderFeed(req.params.workspaceId, match[1]!);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .send(text);
    },
  );
  r.get(
    '/api/v1/me/busy-calendar',
    {
      schema: {
        tags,
        summary: 'The calendar I import busy times from',
        response: { 200: s.busyImportSchema },
      },
    },
    (req) => calendar.getBusyImport(requireCaller(req)),
  );
  r.put(
    '/api/v1/me/busy-calendar',
    {
      schema: {
        tags,
        summary: 'Import my busy times from an iCalendar URL (public http/https addresses only)',
        body: s.importBody,
        response: { 200: s.busyImportSchema },
      },
    },
    (req) => calendar.importBusy(requireCaller(req), req.body.url),
  );
  r.delete(
    '/api/v1/me/busy-calendar',
    { schema: { tags, summary: 'Stop importing busy times' } },
    async (req, reply) => {
      await calendar.deleteBusyImport(requireCaller(req));
      return reply.code(204).send();
    },
  );
  r.get(
    '/api/v1/people/:id/busy',
    {
      schema: {
        tags,
        summary: "A member's imported busy times (intervals only), for the rhythm view",
        params: s.personParams,
        querystring: s.busyQuery,
        response: { 200: s.busySchema },
      },
    },
    (req) => calendar.busyOf(requireCaller(req), req.params.id, req.query),
  );
}
