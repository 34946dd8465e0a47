import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { pageOf } from '../../shared/page-query.js';
import { maxMentions, maxPostLength, postSchema } from '../posts/index.js';
import { threadSchema, threadTitle } from '../threads/index.js';
import { maxScratchParticipants, scratchDays } from './scratch.domain.js';

const people = z.array(idParam).max(maxScratchParticipants);

export const scratchParams = z.strictObject({ id: idParam });

export const newScratchBody = z.strictObject({
  title: threadTitle,
  markdown: z.string().min(1).max(maxPostLength),
  mentions: z
    .array(idParam)
    .max(maxMentions)
    .optional()
    .describe('Ids of participants the first post mentions.'),
  participantIds: people.describe(
    'Who takes part besides the author; each must be able to read the home channel. Only they see the thread.',
  ),
  days: z
    .number()
    .int()
    .min(scratchDays.min)
    .max(scratchDays.max)
    .optional()
    .describe(`Days until the thread and everything in it is deleted (default ${scratchDays.default}).`),
});

export const addParticipantsBody = z.strictObject({
  personIds: people.min(1).describe('People to add; each must be able to read the home channel.'),
});

export const scratchSchema = z.object({
  thread: threadSchema,
  participantIds: z.array(z.string()),
});

export const newScratchResponse = scratchSchema.extend({
  post: postSchema,
});

export const scratchPage = pageOf(scratchSchema);
