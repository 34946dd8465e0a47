import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { pageOf } from '../../shared/page-query.js';
import { maxChannelDescriptionLength, maxChannelNameLength } from './channel.domain.js';

/** An id in a path: any short string; unknown ids answer 404 like hidden ones. */

const channelName = z.string().trim().min(1).max(maxChannelNameLength);
const description = z.string().max(maxChannelDescriptionLength);

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(['public', 'private']),
  createdBy: z.string(),
  createdAt: z.string(),
  archivedAt: z.string().nullable(),
  isMember: z.boolean(),
});

export const createChannelBody = z.strictObject({
  name: channelName,
  description: description.optional(),
  visibility: z.enum(['public', 'private']).default('public'),
});

export const updateChannelBody = z
  .strictObject({ name: channelName.optional(), description: description.optional() })
  .refine((body) => body.name !== undefined || body.description !== undefined, {
    message: 'give a name or a description',
  });

export const channelParams = z.strictObject({ id: idParam });
export const channelMemberParams = z.strictObject({ id: idParam, personId: idParam });

export const channelPage = pageOf(channelSchema);
