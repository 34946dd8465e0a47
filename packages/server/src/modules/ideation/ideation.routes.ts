import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import * as s from './ideation.schema.js';
import type { IdeationService } from './ideation.service.js';

const tags = ['ideation'];
const posting = { rateLimit: 'posting' as const };

/** Registers `/api/v1/ideation-rounds…` and `/api/v1/ideas…`. */
export function registerIdeationRoutes(app: FastifyInstance, ideation: IdeationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/ideation-rounds',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Open an ideation round',
        body: s.openRoundBody,
        response: { 201: s.roundSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await ideation.open(requireCaller(req), req.body)),
  );
  r.get(
    '/api/v1/ideation-rounds/:id',
    {
      schema: {
        tags,
        summary: 'A round and its reveal',
        params: s.idParams,
        response: { 200: s.roundSchema },
      },
    },
    (req) => ideation.get(requireCaller(req), req.params.id),
  );
  r.get(
    '/api/v1/ideation-rounds/:id/ideas',
    {
      schema: {
        tags,
        summary: 'Ideas: your own before the reveal, all (most dots first) after',
        params: s.idParams,
        response: { 200: s.ideaList },
      },
    },
    (req) => ideation.ideas(requireCaller(req), req.params.id),
  );
  r.post(
    '/api/v1/ideation-rounds/:id/ideas',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Add an idea',
        params: s.idParams,
        body: s.newIdeaBody,
        response: { 201: s.ideaSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await ideation.submit(requireCaller(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/ideation-rounds/:id/export',
    {
      schema: {
        tags,
        summary: 'The results as markdown and CSV (after the reveal)',
        params: s.idParams,
        response: { 200: s.roundExport },
      },
    },
    (req) => ideation.export(requireCaller(req), req.params.id),
  );
  r.patch(
    '/api/v1/ideas/:id',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Edit your idea',
        params: s.idParams,
        body: s.editIdeaBody,
        response: { 200: s.ideaSchema },
      },
    },
    (req) => ideation.edit(requireCaller(req), req.params.id, req.body.text),
  );
  r.put(
    '/api/v1/ideas/:id/dots',
    {
      schema: {
        tags,
        summary: 'Set your dots on an idea',
        params: s.idParams,
        body: s.dotsBody,
        response: { 200: s.ideaSchema },
      },
    },
    (req) => ideation.dot(requireCaller(req), req.params.id, req.body.dots),
  );
  r.delete(
    '/api/v1/ideas/:id/dots',
    {
      schema: {
        tags,
        summary: 'Take your dots back from an idea',
        params: s.idParams,
        response: { 200: s.ideaSchema },
      },
    },
    (req) => ideation.dot(requireCaller(req), req.params.id, 0),
  );
  r.post(
    '/api/v1/ideas/:id/promote',
    {
      config: posting,
      schema: {
        tags,
        summary: 'Promote an idea into a thread or a decision',
        params: s.idParams,
        body: s.promoteBody,
        response: { 201: s.promotion },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await ideation.promote(requireCaller(req), req.params.id, req.body)),
  );
}
