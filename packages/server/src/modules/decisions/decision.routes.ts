import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toPageRequest } from '../../shared/keyset-page.js';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './decision.schema.js';
import type { DecisionService } from './decision.service.js';

const tags = ['decisions'];
// Opening, closing early and breaking a tie post into the thread as the caller: they count as posting.
const posting = { rateLimit: 'posting' as const };

/** Registers the decision routes and the decision log. */
export function registerDecisionRoutes(app: FastifyInstance, decisions: DecisionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/threads/:id/decisions',
    {
      config: posting,
      schema: {
        tags,
        summary:
          'Open a decision in a thread; it closes when every required participant has had the window in their own working hours',
        params: s.idParams,
        body: s.openBody,
        response: { 201: s.decisionSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await decisions.open(requireCaller(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/threads/:id/decisions',
    {
      schema: {
        tags,
        summary: "A thread's decisions",
        params: s.idParams,
        querystring: s.threadDecisionsQuery,
        response: { 200: s.decisionPage },
      },
    },
    (req) =>
      decisions.listInThread(requireCaller(req), req.params.id, req.query.state, toPageRequest(req.query)),
  );
  r.get(
    '/api/v1/decisions/:id',
    {
      schema: {
        tags,
        summary: 'A decision, with its close in my time',
        params: s.idParams,
        response: { 200: s.decisionSchema },
      },
    },
    (req) => decisions.get(requireCaller(req), req.params.id),
  );
  r.put(
    '/api/v1/decisions/:id/response',
    {
      schema: {
        tags,
        summary: 'My consent, block (with a reason) or vote; changeable until the close',
        params: s.idParams,
        body: s.responseBody,
        response: { 200: s.decisionSchema },
      },
    },
    (req) => decisions.respond(requireCaller(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/decisions/:id/withdraw-block',
    {
      schema: {
        tags,
        summary: 'Withdraw my block (it becomes consent)',
        params: s.idParams,
        response: { 200: s.decisionSchema },
      },
    },
    (req) => decisions.withdrawBlock(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/decisions/:id/close',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Close early (the decider, once every required participant has responded)',
        params: s.idParams,
        response: { 200: s.decisionSchema },
      },
    },
    (req) => decisions.closeEarly(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/decisions/:id/tie-break',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Break a tie at the close (the decider)',
        params: s.idParams,
        body: s.tieBreakBody,
        response: { 200: s.decisionSchema },
      },
    },
    (req) => decisions.tieBreak(requireCaller(req), req.params.id, req.body.option),
  );
  r.get(
    '/api/v1/decision-log',
    {
      schema: {
        tags,
        summary: 'The decision log: closed decisions I can see, newest first',
        querystring: s.logQuery,
        response: { 200: s.logPage },
      },
    },
    (req) => decisions.log(requireCaller(req), req.query, toPageRequest(req.query)),
  );
  r.get(
    '/api/v1/decision-log/export',
    {
      schema: {
        tags,
        summary: 'The decision log as CSV or markdown',
        querystring: s.exportQuery,
        response: { 200: s.exportResponse },
      },
    },
    (req) => decisions.export(requireCaller(req), req.query, req.query.format),
  );
}
