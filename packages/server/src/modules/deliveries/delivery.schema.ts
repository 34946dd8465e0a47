import { z } from 'zod';
import { askLevels, instantViewSchema, recipientLandingSchema } from '../../shared/delivery-planner.js';
import { idParam } from '../../shared/id-param.js';
import { pageOf } from '../../shared/page-query.js';
import { asksField, interruptField, maxMentions, maxPostLength } from '../posts/index.js';

export const idParams = z.strictObject({ id: idParam });

const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => Date.parse(s))
  .refine((t) => t >= Date.UTC(1900, 0, 1) && t < Date.UTC(2200, 0, 1), 'must lie between 1900 and 2200');

export const inboxItemSchema = z.object({
  id: z.string().describe('The delivery id (for done, undone, snooze).'),
  kind: z
    .enum(['post', 'reminder', 'checkin'])
    .describe(
      '`reminder`: the one gentle reminder of an overdue ask; `checkin`: a check-in’s questions to answer (see `checkin`).',
    ),
  postId: z.string(),
  threadId: z.string(),
  channelId: z.string(),
  authorId: z.string(),
  deliveredAt: z.string(),
  snoozedUntil: z.string().nullable(),
  interrupt: z
    .object({ reason: z.string(), emergency: z.boolean() })
    .nullable()
    .describe('Set when the post interrupted me, with the sender’s reason.'),
  ask: z
    .object({
      id: z.string(),
      level: z.enum(askLevels),
      state: z.enum(['open', 'answered', 'declined']),
      dueAt: instantViewSchema.nullable(),
    })
    .nullable(),
  checkin: z
    .object({
      checkinId: z.string(),
      askId: z.string(),
      title: z.string(),
      date: z.string().describe('The local date of the round (`YYYY-MM-DD`).'),
      questions: z.array(z.string()),
      answered: z.boolean(),
    })
    .nullable()
    .describe('Set on a `checkin` item: the questions to answer at `/api/v1/checkins/{checkinId}/answers`.'),
});
export const inboxPage = pageOf(inboxItemSchema);

export const inboxStateSchema = z.object({
  id: z.string(),
  state: z.enum(['delivered', 'done']),
  snoozedUntil: z.string().nullable(),
});

export const snoozeBody = z.strictObject({
  until: instant
    .optional()
    .describe('ISO 8601 with offset, after now and within 30 days; my next slot without.'),
});

export const waitingSchema = z.object({
  askId: z.string(),
  postId: z.string(),
  threadId: z.string(),
  personId: z.string(),
  level: z.enum(askLevels),
  dueAt: instantViewSchema
    .nullable()
    .describe('In their time (`theirs`) and mine; null until delivered, and for `fyi`.'),
  acknowledgement: z.object({ note: z.string(), at: z.string() }).nullable(),
});
export const waitingPage = pageOf(waitingSchema);

export const askStateSchema = z.object({ id: z.string(), state: z.enum(['open', 'answered', 'declined']) });
export const declineBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const acknowledgeBody = z.strictObject({
  note: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('What the asker sees, e.g. "seen, I\'ll answer by Thursday".'),
});

export const landingPreviewBody = z.strictObject({
  markdown: z
    .string()
    .min(1)
    .max(maxPostLength)
    .optional()
    .describe('The draft text: a whole-channel mention (`@channel`, `@all`) adds the channel’s members.'),
  mentions: z.array(idParam).max(maxMentions).optional(),
  asks: asksField.optional(),
  interrupt: interruptField.optional(),
});
export const landingPreviewResponse = z.object({
  recipients: z.array(recipientLandingSchema),
  interruptBudget: z
    .object({
      limit: z.number().int(),
      used: z.number().int(),
      remaining: z.number().int(),
      resetsAt: z.string(),
    })
    .nullable()
    .describe('With an interrupt: my weekly budget, reset Monday 00:00 in my zone.'),
});
export const postLandingResponse = z.object({
  postId: z.string(),
  recipients: z.array(recipientLandingSchema),
});
