import { isTimeZone } from '@meanwhile/time';
import { z } from 'zod';
import { pageOf } from '../../shared/page-query.js';
import { idParam } from '../channels/index.js';
import { maxInterruptionBudget, maxWindowHours } from './agreement.domain.js';

// BAD_INPUT rows 12–13: whole numbers in range; `1e309` parses to Infinity and `NaN` is no JSON number, so
// both fail `number`; `-0` is stored as 0.
const windowHours = z
  .number()
  .int()
  .min(1)
  .max(maxWindowHours)
  .describe(`Working hours, a whole number from 1 to ${maxWindowHours}.`);
const budget = z
  .number()
  .int()
  .min(0)
  .max(maxInterruptionBudget)
  .transform((n) => (n === 0 ? 0 : n));
const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM from 00:00 to 23:59');
const reason = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe('Why it changes, 1–500 characters; kept with the version.');

const syncWindow = z.strictObject({
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => isTimeZone(zone), 'is not an IANA time zone'),
  day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  hours: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be local hours HH:MM-HH:MM')
    .refine((h) => h.slice(0, 5) < h.slice(6), 'the end must be after the start'),
});

const meetingDay = z.strictObject({
  timeZone: syncWindow.shape.timeZone,
  day: syncWindow.shape.day,
  kind: z.enum(['sync', 'no-meeting']),
});

/** The agreement as a request body takes it. */
export const agreementInput = z.strictObject({
  replyWindows: z.strictObject({
    today: windowHours,
    soon: windowHours,
    normal: windowHours,
    fyi: z.null().optional().describe('fyi asks expect no reply: always null.'),
  }),
  interruptionBudget: budget.describe(`Interrupts per person per week, 0–${maxInterruptionBudget}.`),
  emergencyRoles: z.array(z.enum(['owner', 'admin', 'member', 'guest'])).max(4),
  allowChannelMentions: z.boolean(),
  digestTimes: z.array(localTime).min(1).max(12),
  meetingNoticeHours: windowHours,
  decisionWindowHours: windowHours,
  syncWindows: z.array(syncWindow).max(50),
  meetingDays: z
    .array(meetingDay)
    .max(50)
    .default([])
    .describe('Whole weekdays marked `sync` (a sync window all day) or `no-meeting`; none when left out.'),
});

/** `PUT /api/v1/agreement`: the whole new agreement and why. */
export const putAgreementBody = z.strictObject({ agreement: agreementInput, reason });

const agreementSchema = z.object({
  replyWindows: z.object({ today: z.number(), soon: z.number(), normal: z.number(), fyi: z.null() }),
  interruptionBudget: z.number(),
  emergencyRoles: z.array(z.enum(['owner', 'admin', 'member', 'guest'])),
  allowChannelMentions: z.boolean(),
  digestTimes: z.array(z.string()),
  meetingNoticeHours: z.number(),
  decisionWindowHours: z.number(),
  syncWindows: z.array(z.object({ timeZone: z.string(), day: z.string(), hours: z.string() })),
  meetingDays: z.array(
    z.object({ timeZone: z.string(), day: z.string(), kind: z.enum(['sync', 'no-meeting']) }),
  ),
});

/** A version of the agreement; version 0 is the defaults, which nobody wrote. */
export const agreementVersionSchema = z.object({
  version: z.number().int(),
  agreement: agreementSchema,
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

export const agreementVersionPage = pageOf(agreementVersionSchema);

/** `GET /api/v1/agreement/document`. */
export const agreementDocument = z.object({
  version: z.number().int(),
  markdown: z.string().describe('The agreement as the "How we work" document, in markdown.'),
});

export const channelAgreementParams = z.strictObject({ id: idParam });

/** `PUT /api/v1/channels/:id/agreement`: the channel's reply windows; a level left out follows the workspace. */
export const putChannelAgreementBody = z.strictObject({
  replyWindows: z.strictObject({
    today: windowHours.optional(),
    soon: windowHours.optional(),
    normal: windowHours.optional(),
  }),
  reason,
});

/** A channel's reply windows: its overrides and the windows in effect there. */
export const channelAgreementSchema = z.object({
  channelId: z.string(),
  overrides: z.object({
    today: z.number().optional(),
    soon: z.number().optional(),
    normal: z.number().optional(),
  }),
  replyWindows: z.object({ today: z.number(), soon: z.number(), normal: z.number(), fyi: z.null() }),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
