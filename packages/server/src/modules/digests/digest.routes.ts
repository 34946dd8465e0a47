import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import { escapeHtml } from './digest.domain.js';
import * as s from './digest.schema.js';
import type { DigestService } from './digest.service.js';

const tags = ['digests'];

function sendPage(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Referrer-Policy', 'no-referrer')
    .header('Content-Security-Policy', "default-src 'none'; form-action 'self'")
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
    );
}

/**
 * Registers `GET/PUT /api/v1/me/digest` and the unsubscribe link: `GET /unsubscribe/:token` shows a
 * confirmation form (a GET never unsubscribes: mail scanners prefetch links), `POST /unsubscribe/:token`
 * unsubscribes without login (RFC 8058 one-click: the mail client posts `List-Unsubscribe=One-Click` as a
 * form, so this route alone reads form bodies).
 */
export function registerDigestRoutes(app: FastifyInstance, digests: DigestService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/me/digest', { schema: { tags, response: { 200: s.digestSetting } } }, (req) =>
    digests.get(requireCaller(req)),
  );
  r.put(
    '/api/v1/me/digest',
    { schema: { tags, body: s.digestSetting, response: { 200: s.digestSetting } } },
    (req) => digests.put(requireCaller(req), req.body.enabled),
  );
  r.get(
    '/unsubscribe/:token',
    { schema: { hide: true, params: s.unsubscribeParams } },
    async (req, reply) => {
      if (!(await digests.isUnsubscribeLink(req.params.token)))
        return sendPage(reply, 404, 'Link not valid', '<p>This unsubscribe link is not valid.</p>');
      const action = `/unsubscribe/${encodeURIComponent(req.params.token)}`;
      return sendPage(
        reply,
        200,
        'Unsubscribe',
        `<form method="post" action="${escapeHtml(action)}"><p>Stop the Meanwhile digest e-mails?</p>` +
          '<button type="submit">Unsubscribe</button></form>',
      );
    },
  );
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, _body, done) => done(null, undefined),
    );
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/unsubscribe/:token',
        { schema: { hide: true, params: s.unsubscribeParams } },
        async (req, reply) => {
          await digests.unsubscribe(req.params.token);
          return sendPage(reply, 200, 'Unsubscribed', '<p>You will get no more digest e-mails.</p>');
        },
      );
  });
}
