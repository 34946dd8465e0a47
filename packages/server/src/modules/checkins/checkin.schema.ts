import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { maxAnswerLength, maxCheckinParticipants, maxQuestions, weekdayKeys } from './checkin.domain.js';

/** `:id` of a check-in. */
// An id named in a body: bounded, so that a huge string is refused as malformed (400) rather than looked up.
const refId = z.string().max(100).pipe(idParam);

export const idParams = z.strictObject({ id: idParam });

const question = z.strictObject({
  text: z.string().trim().min(1).max(500).describe('The question, 1–500 characters.'),
  isBlocker: z.boolean().optional().default(false).describe('Answers are highlighted as blockers.'),
});

export const openCheckinBody = z.strictObject({
  threadId: refId.describe('The thread the answers are gathered into.'),
  title: z.string().trim().min(1).max(200).optional().describe('The thread’s title by default.'),
  questions: z.array(question).min(1).max(maxQuestions),
  weekdays: z.array(z.enum(weekdayKeys)).min(1).max(7).describe('The days each participant is asked.'),
  localTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM from 00:00 to 23:59')
    .describe('When, in each participant’s own zone (a time in a DST gap moves forward by the gap).'),
  participantIds: z.array(refId).min(1).max(maxCheckinParticipants),
});

const questionView = z.object({ text: z.string(), isBlocker: z.boolean() });

export const checkinSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  threadId: z.string(),
  title: z.string(),
  questions: z.array(questionView),
  weekdays: z.array(z.enum(weekdayKeys)),
  localTime: z.string(),
  createdBy: z.string(),
  participantCount: z.number().int(),
  isParticipant: z.boolean(),
  rounds: z
    .array(
      z.object({
        date: z.string(),
        asked: z.number().int(),
        answered: z.number().int(),
        summary: z.string().describe('Team figures only, e.g. "7 of 9 answered".'),
        closedAt: z.string(),
      }),
    )
    .describe('Closed rounds, latest first.'),
});

export const askSchema = z.object({
  id: z.string(),
  checkinId: z.string(),
  title: z.string(),
  date: z.string().describe('The local date of the ask, in the participant’s zone.'),
  questions: z.array(questionView),
  state: z.enum(['held', 'asked', 'answered']),
  answers: z.array(z.string()).nullable(),
  askedAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export const askList = z.object({ items: z.array(askSchema) });

export const answerBody = z.strictObject({
  answers: z
    .array(z.string().trim().max(maxAnswerLength))
    .min(1)
    .max(maxQuestions)
    .describe('One answer per question, in order; an empty one skips its question.'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .optional()
    .describe('The local date of the ask to answer; the latest by default.'),
});
