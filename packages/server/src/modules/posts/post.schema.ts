import { z } from 'zod';
import { pageOf } from '../../shared/page-query.js';
import { idParam } from '../channels/index.js';
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
export const startThreadBody = postBody.extend({ title: threadTitle });
export const startThreadResponse = z.object({ thread: threadSchema, post: postSchema });
export const idParams = z.strictObject({ id: idParam });
export const reactionParams = z.strictObject({ id: idParam, emoji: z.enum(reactionEmoji) });
export const postPage = pageOf(postSchema);
export const versionList = z.object({ items: z.array(postVersionSchema) });
