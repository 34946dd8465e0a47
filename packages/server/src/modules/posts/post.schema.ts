import { z } from 'zod';
import { askLevels, instantViewSchema, recipientLandingSchema } from '../../shared/delivery-planner.js';
import { pageOf } from '../../shared/page-query.js';
import { idParam } from '../../shared/id-param.js';
import { threadSchema, threadTitle } from '../threads/index.js';
import { maxBuildsOn, maxMentions, maxPostLength, reactionEmoji } from './post.domain.js';

const markdown = z.string().min(1).max(maxPostLength);
const mentions = z
  .array(idParam)
  .max(maxMentions)
  .describe('Ids of people the post mentions; they follow the thread.');
const buildsOn = z.array(idParam).max(maxBuildsOn).describe('Ids of earlier posts this one builds on.');

export const postSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  channelId: z.string(),
  authorId: z.string(),
  markdown: z.string(),
  html: z.string().describe('Sanitized HTML rendered on the server.'),
  version: z.number().int(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  mentions: z.array(z.string()),
  buildsOn: z.array(z.string()),
  builtOnBy: z.array(z.string()),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number().int(), reactedByMe: z.boolean() })),
  asks: z
    .array(
      z.object({
        id: z
          .string()
          .describe('The ask, for `POST /api/v1/asks/{id}/answer` and `…/decline` by the asked person.'),
        personId: z.string(),
        level: z.enum(askLevels),
        state: z.enum(['open', 'answered', 'declined']),
        dueAt: instantViewSchema
          .nullable()
          .describe(
            "In the asked person's zone (`theirs`) and the reader's (`mine`); null before it is delivered and for `fyi`.",
          ),
      }),
    )
    .describe('People the post asks for a reply, shown to every reader of the post; empty once deleted.'),
  interrupt: z
    .object({ reason: z.string(), emergency: z.boolean() })
    .nullable()
    .describe('Set when the post was sent as an interrupt: its reason, shown to every reader of the post.'),
  landing: z
    .array(recipientLandingSchema)
    .optional()
    .describe('On a new post: when it lands for each recipient (also `GET /api/v1/posts/{id}/landing`).'),
});

export const postVersionSchema = z.object({
  version: z.number().int(),
  markdown: z.string(),
  html: z.string(),
  editedBy: z.string(),
  createdAt: z.string(),
});

export const postBody = z.strictObject({
  markdown,
  mentions: mentions.optional(),
  buildsOn: buildsOn.optional(),
});
/** Asks and interrupts, which only a new post may carry. */
export const asksField = z
  .array(z.strictObject({ personId: idParam, level: z.enum(askLevels) }))
  .max(maxMentions)
  .describe("People asked for a reply; the level's window comes from the agreement (channel overrides).");
export const interruptField = z
  .strictObject({
    reason: z.string().trim().min(1).max(500).describe('Why it cannot wait; shown to the recipients.'),
    emergency: z.boolean().optional().describe('Also through time off (roles the agreement allows).'),
  })
  .describe("Deliver at once to the mentioned and asked people, spending one of the sender's weekly budget.");
export const newPostBody = postBody.extend({
  asks: asksField.optional(),
  interrupt: interruptField.optional(),
});
export const startThreadBody = newPostBody.extend({ title: threadTitle });
export const startThreadResponse = z.object({ thread: threadSchema, post: postSchema });
export const idParams = z.strictObject({ id: idParam });
export const reactionParams = z.strictObject({ id: idParam, emoji: z.enum(reactionEmoji) });
export const postPage = pageOf(postSchema);
export const versionPage = pageOf(postVersionSchema);
