import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../../shared/require-caller.js';
import type { RhythmSettings, TimeOff } from './rhythm.domain.js';
import * as s from './rhythm.schema.js';
import type { RhythmService } from './rhythm.service.js';

const tags = ['rhythms'];
const iso = (ms: number) => new Date(ms).toISOString();

function toRhythmView(settings: RhythmSettings) {
  const week = (w: Record<string, string[] | undefined>) => ({
    mon: w.mon ?? [],
    tue: w.tue ?? [],
    wed: w.wed ?? [],
    thu: w.thu ?? [],
    fri: w.fri ?? [],
    sat: w.sat ?? [],
    sun: w.sun ?? [],
  });
  return {
    rhythm: {
      timeZone: settings.rhythm.timeZone,
      week: week(settings.rhythm.week),
      exceptions: settings.rhythm.exceptions ?? [],
    },
    focus: week(settings.focus),
    delivery: settings.delivery,
    isDefault: settings.updatedAt === null,
    updatedAt: settings.updatedAt === null ? null : iso(settings.updatedAt),
  };
}

const toTimeOffView = (t: TimeOff) => ({
  id: t.id,
  from: t.from,
  to: t.to,
  note: t.note,
  createdAt: iso(t.createdAt),
});

/** Registers `/api/v1/me/rhythm`, `/api/v1/me/time-off…` and the availability endpoints. */
export function registerRhythmRoutes(app: FastifyInstance, rhythms: RhythmService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/me/rhythm',
    { schema: { tags, summary: 'My rhythm', response: { 200: s.rhythmResponse } } },
    async (req) => toRhythmView(await rhythms.get(requireCaller(req))),
  );
  r.put(
    '/api/v1/me/rhythm',
    {
      schema: {
        tags,
        summary: 'Replace my rhythm, focus blocks and delivery preference',
        body: s.putRhythmBody,
        response: { 200: s.rhythmResponse },
      },
    },
    async (req) => toRhythmView(await rhythms.put(requireCaller(req), req.body)),
  );
  r.get(
    '/api/v1/me/time-off',
    { schema: { tags, summary: 'My time off', response: { 200: s.timeOffList } } },
    async (req) => ({ items: (await rhythms.listTimeOff(requireCaller(req))).map(toTimeOffView) }),
  );
  r.post(
    '/api/v1/me/time-off',
    {
      schema: { tags, summary: 'Add time off', body: s.timeOffBody, response: { 201: s.timeOffSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(toTimeOffView(await rhythms.addTimeOff(requireCaller(req), req.body))),
  );
  r.delete(
    '/api/v1/me/time-off/:id',
    { schema: { tags, summary: 'Remove time off', params: s.timeOffParams } },
    async (req, reply) => {
      await rhythms.removeTimeOff(requireCaller(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/v1/people/:id/availability',
    {
      schema: {
        tags,
        summary: "A member's working hours, focus blocks and time off, labelled (never a note)",
        params: s.personParams,
        querystring: s.availabilityQuery,
        response: { 200: s.personAvailabilityResponse },
      },
    },
    (req) => rhythms.personAvailability(requireCaller(req), req.params.id, req.query),
  );
  r.get(
    '/api/v1/availability',
    {
      schema: {
        tags,
        summary: "The team's availability: my workspace's members, or a channel's",
        querystring: s.teamAvailabilityQuery,
        response: { 200: s.teamAvailabilityResponse },
      },
    },
    (req) => rhythms.teamAvailability(requireCaller(req), req.query),
  );
}
