import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { maxDotsPerPerson, maxIdeaLength, maxParticipants, maxPromptLength } from './ideation.domain.js';

/** `:id` of a round or an idea. */
// An id named in a body: bounded, so that a huge string is refused as malformed (400) rather than looked up.
const refId = z.string().max(100).pipe(idParam);

export const idParams = z.strictObject({ id: idParam });

const text = (max: number, what: string) =>
  z.string().trim().min(1).max(max).describe(`${what}, 1–${max} characters.`);

/** Opening a round: in a channel, or in a thread (of that channel). */
export const openRoundBody = z.strictObject({
  channelId: refId,
  threadId: refId.optional().describe('The thread the round belongs to, when it was opened from one.'),
  prompt: text(maxPromptLength, 'What ideas are asked for'),
  participantIds: z
    .array(refId)
    .min(1)
    .max(maxParticipants)
    .describe('Who may submit ideas and dots (the opener always takes part); all must see the channel.'),
  anonymous: z.boolean().optional().describe('After the reveal, no response names an idea’s author.'),
  dotsPerPerson: z.number().int().min(1).max(maxDotsPerPerson).optional().describe('3 by default.'),
  allowStacking: z
    .boolean()
    .optional()
    .describe('Whether one person may put several dots on one idea (no by default).'),
  windowHours: z
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Working hours each participant gets before the reveal; the agreement’s decision window by default.',
    ),
});

const instant = z.object({ at: z.string().describe('ISO 8601, UTC.'), epochMs: z.number().int() });

/** A round as the API shows it: never anything about others' ideas before the reveal. */
export const roundSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  threadId: z.string().nullable(),
  prompt: z.string(),
  openedBy: z.string(),
  isAnonymous: z.boolean(),
  dotsPerPerson: z.number().int(),
  allowsStacking: z.boolean(),
  windowHours: z.number().int(),
  openedAt: z.string(),
  revealAt: instant.describe(
    'The fair reveal: when the last participant has had the window of working time.',
  ),
  revealReason: z.string(),
  phase: z.enum(['collecting', 'voting']),
  participantIds: z.array(z.string()).describe('Empty in anonymous rounds.'),
  participantCount: z.number().int(),
  isParticipant: z.boolean(),
  myDotsLeft: z.number().int(),
});

/** An idea: before the reveal only the caller's own; `author` is null in anonymous rounds. */
export const ideaSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  text: z.string(),
  mine: z.boolean(),
  author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  buildsOn: z.string().nullable(),
  dots: z.number().int().nullable().describe('Null before the reveal.'),
  myDots: z.number().int(),
  promotedThreadId: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});

export const ideaList = z.object({
  phase: z.enum(['collecting', 'voting']),
  items: z
    .array(ideaSchema)
    .describe('Before the reveal: only the caller’s ideas. After: all, most dots first.'),
});

export const newIdeaBody = z.strictObject({
  text: text(maxIdeaLength, 'The idea'),
  buildsOn: refId.optional().describe('An idea of the same round this one builds on (one visible to you).'),
});

export const editIdeaBody = z.strictObject({ text: text(maxIdeaLength, 'The idea') });

export const dotsBody = z.strictObject({
  dots: z
    .number()
    .int()
    .min(1)
    .max(maxDotsPerPerson)
    .describe('How many of your dots this idea gets; `DELETE` takes them back.'),
});

export const promoteBody = z.strictObject({
  to: z.enum(['thread', 'decision']),
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('The new thread’s title; the idea’s start by default.'),
});

export const promotion = z.object({
  to: z.enum(['thread', 'decision']),
  threadId: z.string().nullable(),
  decisionId: z.string().nullable(),
});

export const roundExport = z.object({
  markdown: z.string(),
  csv: z.string().describe('rank,dots,idea,builds_on[,author]; no author column in anonymous rounds.'),
});
