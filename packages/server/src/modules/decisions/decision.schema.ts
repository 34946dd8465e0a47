import { z } from 'zod';
import { instantViewSchema } from '../../shared/delivery-planner.js';
import { idParam } from '../../shared/id-param.js';
import { pageOf, pageQuery } from '../../shared/page-query.js';
import { maxOptions, maxParticipants } from './decision.domain.js';

export const idParams = z.strictObject({ id: idParam });

const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => Date.parse(s))
  .refine((t) => t >= Date.UTC(1900, 0, 1) && t < Date.UTC(2200, 0, 1), 'must lie between 1900 and 2200');
const people = z.array(idParam).max(maxParticipants);
// BAD_INPUT row 12: an index is a whole number from 0. `min(0)` lets `-0` through (`-0 >= 0`), so it is
// refused like the other spellings no client means ("01", 1.5): 400, never a write that happens to work.
const optionIndex = z
  .number()
  .int()
  .min(0)
  .max(maxOptions - 1)
  .refine((n) => !Object.is(n, -0), 'must be a whole number from 0 (not -0)');

/** `POST /api/v1/threads/:id/decisions`. */
export const openBody = z.strictObject({
  question: z.string().trim().min(1).max(500),
  mode: z.enum(['consent', 'vote']),
  options: z
    .array(z.string().trim().min(1).max(200))
    .min(2)
    .max(maxOptions)
    .optional()
    .describe(`A vote's options, 2–${maxOptions}, all different; none for consent.`),
  deciderId: idParam.optional().describe('Who decides ties and may close early; the opener by default.'),
  requiredIds: people.min(1).describe('Required participants: the close waits for each one’s window.'),
  optionalIds: people.optional(),
  windowHours: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("Working hours each required participant gets; the agreement's decision window by default."),
  closesAt: instant
    .optional()
    .describe('An explicit deadline (ISO 8601 with offset); must be at or after the fair close, else 422.'),
  hideVotesUntilClose: z
    .boolean()
    .optional()
    .describe("Until the close nobody (admins included) sees others' responses or the counts."),
});

/** `PUT /api/v1/decisions/:id/response`: my consent, block (with a reason) or vote. */
export const responseBody = z.strictObject({
  kind: z.enum(['consent', 'block', 'vote']),
  option: optionIndex.optional().describe('The option index, for a vote.'),
  reason: z.string().trim().min(1).max(500).optional().describe('Why I block (required for a block).'),
});

/** `POST /api/v1/decisions/:id/tie-break`. */
export const tieBreakBody = z.strictObject({ option: optionIndex });

const responseSchema = z.object({
  kind: z.enum(['consent', 'block', 'vote']),
  option: z.number().int().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const decisionSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  channelId: z.string(),
  postId: z.string().describe('The post that opened it.'),
  question: z.string(),
  mode: z.enum(['consent', 'vote']),
  options: z.array(
    z.object({
      index: z.number().int(),
      text: z.string(),
      votes: z.number().int().nullable().describe('Null while votes are hidden until the close.'),
    }),
  ),
  hideVotesUntilClose: z.boolean(),
  deciderId: z.string(),
  openedBy: z.string(),
  windowHours: z.number().int(),
  openedAt: z.string(),
  closesAt: instantViewSchema.describe(
    'In my time (`mine`) and in the time of the person whose rhythm set it (`theirs`).',
  ),
  fairClosesAt: z.string(),
  closeSetBy: z.string().nullable().describe('The required participant whose rhythm set the fair close.'),
  closeReason: z.string().describe('Why it closes then, in words.'),
  state: z.enum(['open', 'awaiting_tiebreak', 'closed']),
  tiedOptions: z.array(z.number().int()).nullable().describe('While waiting for the decider’s tie-break.'),
  outcome: z
    .object({
      result: z.enum(['adopted', 'blocked', 'chosen']),
      option: z.number().int().nullable(),
      text: z.string(),
    })
    .nullable(),
  closedAt: z.string().nullable(),
  closedEarly: z.boolean(),
  outcomePostId: z.string().nullable(),
  participants: z.array(
    z.object({
      personId: z.string(),
      isRequired: z.boolean(),
      windowEndsAt: instantViewSchema
        .nullable()
        .describe('When their own window of working time ends: theirs and mine.'),
      hasResponded: z.boolean(),
      response: responseSchema.nullable().describe('Null when none, or hidden until the close.'),
    }),
  ),
  myResponse: responseSchema.nullable(),
  canCloseEarly: z.boolean().describe('Whether I am the decider and every required participant responded.'),
});
export const decisionPage = pageOf(decisionSchema);

const logFilter = {
  q: z.string().trim().max(200).optional().describe('Text the question contains (case-insensitive).'),
  from: instant.optional().describe('Closed at or after (ISO 8601 with offset).'),
  to: instant.optional().describe('Closed before (ISO 8601 with offset).'),
};
export const logQuery = pageQuery.extend(logFilter);
export const threadDecisionsQuery = pageQuery.extend({
  state: z.enum(['open', 'awaiting_tiebreak', 'closed']).optional(),
});

export const logEntrySchema = z.object({
  id: z.string(),
  question: z.string(),
  mode: z.enum(['consent', 'vote']),
  outcome: z.string(),
  deciderId: z.string(),
  decider: z.string(),
  tookPart: z.array(z.object({ personId: z.string(), displayName: z.string() })),
  openedAt: z.string(),
  closedAt: z.string(),
  threadId: z.string(),
  link: z.string().describe('Path of the opening post in the web app.'),
});
export const logPage = pageOf(logEntrySchema);

export const exportQuery = z.strictObject({ format: z.enum(['csv', 'markdown']), ...logFilter });
export const exportResponse = z.object({
  format: z.enum(['csv', 'markdown']),
  contentType: z.string(),
  filename: z.string(),
  content: z.string().describe('CSV (RFC 4180, formula-safe) or a markdown table; at most 5,000 entries.'),
});
