import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/page-query.js';
import { idParam } from '../../shared/id-param.js';

const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

export const searchQuery = pageQuery.extend({
  q: z
    .string()
    .min(1)
    .max(500)
    .describe('Words to find; every word must match. Operators are not supported.'),
  channelId: idParam.optional(),
  authorId: idParam.optional(),
  from: instant.optional().describe('Only what was written at or after this instant.'),
  to: instant.optional().describe('Only what was written before this instant.'),
});

export const searchHitSchema = z.object({
  kind: z.enum(['post', 'thread']),
  id: z.string(),
  threadId: z.string(),
  channelId: z.string(),
  authorId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  highlight: z.object({
    text: z.string(),
    marks: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
    html: z.string().describe('`text` HTML-escaped with matches in `<mark>`; safe to insert as HTML.'),
  }),
});

export const searchPage = pageOf(searchHitSchema);
