import { z } from 'zod';
import { pageOf } from '../../shared/page-query.js';
import { idParam } from '../../shared/id-param.js';
import { maxThreadTitleLength } from './thread.domain.js';

/** A thread title: trimmed, 1–200 characters. */
export const threadTitle = z.string().trim().min(1).max(maxThreadTitleLength);

export const threadSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  title: z.string(),
  authorId: z.string(),
  createdAt: z.string(),
  lastPostAt: z.string(),
  isFollowing: z.boolean(),
  scratch: z
    .object({ expiresAt: z.string(), homeChannelId: z.string() })
    .nullable()
    .describe(
      'Set on a scratch thread: seen only by its participants, deleted at `expiresAt` unless promoted into `homeChannelId`.',
    ),
});

export const threadParams = z.strictObject({ id: idParam });
export const renameThreadBody = z.strictObject({ title: threadTitle });
export const threadPage = pageOf(threadSchema);
