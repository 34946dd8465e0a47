import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';

const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => Date.parse(s))
  .refine((t) => t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2200, 0, 1), 'must lie between 2000 and 2200');

/** `GET /api/v1/sync/candidates`. */
export const candidatesQuery = z.strictObject({
  channelId: idParam.optional().describe("A channel's members instead of the whole workspace."),
  durationMinutes: z.coerce
    .number()
    .int()
    .min(15)
    .max(240)
    .default(60)
    .describe('Length of the windows, 15–240 minutes; 60 by default.'),
  from: instant.optional().describe('Start of the four weeks looked at; now by default.'),
  timeZone: z
    .string()
    .max(64)
    .optional()
    .describe("The zone weekly patterns are stated in; the caller's by default."),
});

const personRef = z.object({ personId: z.string(), displayName: z.string(), timeZone: z.string() });

export const candidatesSchema = z.object({
  from: z.string(),
  to: z.string(),
  durationMinutes: z.number().int(),
  people: z.number().int().describe('How many people were considered.'),
  windows: z.array(
    z.object({
      start: z.string(),
      end: z.string(),
      included: z.number().int(),
      humane: z
        .number()
        .describe('0–1: how far, on average, the window is from the edges of each one’s free time.'),
      leftOut: z.array(personRef),
    }),
  ),
  patterns: z.array(
    z.object({
      label: z.string().describe('E.g. "Tue and Thu 15:00–16:00 Berlin".'),
      timeZone: z.string(),
      days: z.array(z.string()),
      hours: z.string(),
      occurrences: z.number().int(),
      included: z.number().int().describe('People included in every occurrence.'),
      leftOut: z.array(personRef),
    }),
  ),
});

export const coverageSchema = z.object({
  windows: z.array(
    z.object({
      window: z.object({ timeZone: z.string(), day: z.string(), hours: z.string() }),
      notCovered: z
        .array(personRef)
        .describe('Members whose rhythm misses an occurrence in the next four weeks.'),
    }),
  ),
});
