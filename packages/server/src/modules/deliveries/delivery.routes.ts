import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import type { InboxService } from './delivery-inbox.service.js';
import * as s from './delivery.schema.js';

const draft = (body: {
  markdown?: string | undefined;
  mentions?: string[] | undefined;
  asks?: { personId: string; level: 'today' | 'soon' | 'normal' | 'fyi' }[] | undefined;
  interrupt?: { reason: string; emergency?: boolean | undefined } | undefined;
}) => ({
  markdown: body.markdown,
  mentions: body.mentions ?? [],
  asks: body.asks ?? [],
  interrupt: body.interrupt,
});

/** Registers the inbox, waiting on others, asks and the landing routes. */
export function registerDeliveryRoutes(app: FastifyInstance, inbox: InboxService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/inbox', { schema: { querystring: pageQuery, response: { 200: s.inboxPage } } }, (req) =>
    inbox.inbox(requireCaller(req), toPageRequest(req.query)),
  );
  r.post(
    '/api/v1/inbox/:id/done',
    { schema: { params: s.idParams, response: { 200: s.inboxStateSchema } } },
    (req) => inbox.done(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/inbox/:id/undone',
    { schema: { params: s.idParams, response: { 200: s.inboxStateSchema } } },
    (req) => inbox.undone(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/inbox/:id/snooze',
    { schema: { params: s.idParams, body: s.snoozeBody, response: { 200: s.inboxStateSchema } } },
    (req) => inbox.snooze(requireCaller(req), req.params.id, req.body.until),
  );
  r.get('/api/v1/waiting', { schema: { querystring: pageQuery, response: { 200: s.waitingPage } } }, (req) =>
    inbox.waiting(requireCaller(req), toPageRequest(req.query)),
  );
  r.post(
    '/api/v1/asks/:id/answer',
    { schema: { params: s.idParams, response: { 200: s.askStateSchema } } },
    (req) => inbox.answer(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/asks/:id/decline',
    { schema: { params: s.idParams, body: s.declineBody, response: { 200: s.askStateSchema } } },
    (req) => inbox.decline(requireCaller(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/v1/asks/:id/acknowledge',
    { schema: { params: s.idParams, body: s.acknowledgeBody, response: { 200: s.askStateSchema } } },
    (req) => inbox.acknowledge(requireCaller(req), req.params.id, req.body.note),
  );
  r.post(
    '/api/v1/threads/:id/landing-preview',
    {
      schema: { params: s.idParams, body: s.landingPreviewBody, response: { 200: s.landingPreviewResponse } },
    },
    (req) => inbox.preview(requireCaller(req), { threadId: req.params.id }, draft(req.body)),
  );
  r.post(
    '/api/v1/channels/:id/landing-preview',
    {
      schema: { params: s.idParams, body: s.landingPreviewBody, response: { 200: s.landingPreviewResponse } },
    },
    (req) => inbox.preview(requireCaller(req), { channelId: req.params.id }, draft(req.body)),
  );
  r.get(
    '/api/v1/posts/:id/landing',
    { schema: { params: s.idParams, response: { 200: s.postLandingResponse } } },
    (req) => inbox.landing(requireCaller(req), req.params.id),
  );
}
