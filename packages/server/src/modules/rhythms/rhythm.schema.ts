import { isTimeZone } from '@meanwhile/time';
import { z } from 'zod';
import { idParam } from '../channels/index.js';

// Shapes only: the meaning of hours, dates and zones is checked by `@meanwhile/time` in the service, whose
// RhythmError names the field (e.g. `body.rhythm.week.tue[1]`).

/** An IANA time zone, as sign-up forms take it (the browser's `Intl` zone). */
export const timeZoneField = z
  .string()
  .min(1)
  .max(64)
  .refine((name) => isTimeZone(name), { message: 'is not an IANA time zone such as "Europe/Berlin"' })
  .describe('IANA time zone, e.g. `Europe/Berlin`.');

const range = z.string().max(100).describe('Local hours `HH:MM-HH:MM`, half-open; the end may be `24:00`.');
const dayHours = z.array(range).max(48);
const date = z.string().max(10).describe('Local date `YYYY-MM-DD`.');

/** Local hours per weekday; a missing day has none. */
export const weekSchema = z.strictObject({
  mon: dayHours.optional(),
  tue: dayHours.optional(),
  wed: dayHours.optional(),
  thu: dayHours.optional(),
  fri: dayHours.optional(),
  sat: dayHours.optional(),
  sun: dayHours.optional(),
});

const exceptionSchema = z.union([
  z.strictObject({ date, hours: dayHours }),
  z.strictObject({ from: date, to: date, hours: dayHours }),
]);

/** A rhythm in its `@meanwhile/time` JSON form. */
export const rhythmInputSchema = z.strictObject({
  timeZone: z.string().max(100),
  week: weekSchema,
  exceptions: z.array(exceptionSchema).max(1000).optional(),
});

const batchTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM from 00:00 to 23:59')
  .describe('Local time `HH:MM`.');

/** The delivery preference. */
export const deliverySchema = z
  .strictObject({
    mode: z.enum(['as-they-come', 'batched']),
    batchTimes: z.array(batchTime).max(12).describe('1–12 local times; needed when `mode` is `batched`.'),
  })
  .refine((d) => d.mode !== 'batched' || d.batchTimes.length > 0, {
    message: 'batched delivery needs at least one time',
    path: ['batchTimes'],
  });

/** `PUT /api/v1/me/rhythm`. */
export const putRhythmBody = z.strictObject({
  rhythm: rhythmInputSchema,
  focus: weekSchema.describe('Weekly focus blocks in local hours: nothing is delivered in them.'),
  delivery: deliverySchema,
});

const fullWeek = z.object({
  mon: z.array(z.string()),
  tue: z.array(z.string()),
  wed: z.array(z.string()),
  thu: z.array(z.string()),
  fri: z.array(z.string()),
  sat: z.array(z.string()),
  sun: z.array(z.string()),
});

/** My rhythm, as `GET /api/v1/me/rhythm` answers. */
export const rhythmResponse = z.object({
  rhythm: z.object({
    timeZone: z.string(),
    week: fullWeek,
    exceptions: z.array(
      z.union([
        z.object({ date: z.string(), hours: z.array(z.string()) }),
        z.object({ from: z.string(), to: z.string(), hours: z.array(z.string()) }),
      ]),
    ),
  }),
  focus: fullWeek,
  delivery: z.object({ mode: z.enum(['as-they-come', 'batched']), batchTimes: z.array(z.string()) }),
  isDefault: z
    .boolean()
    .describe('True when no rhythm is stored for me, so the default (Mon–Fri 09:00–17:00 UTC) applies.'),
  updatedAt: z.string().nullable(),
});

/** `POST /api/v1/me/time-off`. */
export const timeOffBody = z.strictObject({
  from: date,
  to: date,
  note: z.string().max(500).optional().describe('Seen by me only; others see the days as off.'),
});

/** A stretch of my time off. */
export const timeOffSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  note: z.string(),
  createdAt: z.string(),
});

export const timeOffList = z.object({ items: z.array(timeOffSchema) });
export const timeOffParams = z.strictObject({ id: idParam });
export const personParams = z.strictObject({ id: idParam });

const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => Date.parse(s))
  .refine((t) => t >= Date.UTC(1900, 0, 1) && t < Date.UTC(2200, 0, 1), 'must lie between 1900 and 2200');

/** `?from=&to=`: ISO 8601 instants; from now for 7 days by default, at most 31 days. */
export const availabilityQuery = z.strictObject({
  from: instant.optional().describe('Start, ISO 8601 with offset; now by default.'),
  to: instant.optional().describe('End, ISO 8601 with offset; 7 days after `from` by default, at most 31.'),
});

/** `GET /api/v1/availability`. */
export const teamAvailabilityQuery = availabilityQuery.extend({
  channelId: idParam
    .optional()
    .describe("Only this channel's members; every member of my workspace without."),
});

const labelledInterval = z.object({
  kind: z.enum(['working', 'focus', 'off']),
  startMs: z.number(),
  endMs: z.number(),
  start: z.string(),
  end: z.string(),
});

/** One person's availability: labelled working hours and where they are now; never a time-off note. */
export const personAvailability = z.object({
  personId: z.string(),
  displayName: z.string(),
  timeZone: z.string(),
  now: z.object({
    status: z.enum(['working', 'focus', 'off', 'not-working']),
    localDate: z.string(),
    localTime: z.string(),
    utcOffsetMinutes: z.number(),
    nextSlotAtMs: z.number().nullable().describe('When a delivery could next reach them (now when working).'),
    nextSlotAt: z.string().nullable(),
  }),
  intervals: z.array(labelledInterval),
});

export const personAvailabilityResponse = personAvailability.extend({ from: z.string(), to: z.string() });
export const teamAvailabilityResponse = z.object({
  from: z.string(),
  to: z.string(),
  people: z.array(personAvailability),
});
