import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';

const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => Date.parse(s))
  .refine((t) => t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2200, 0, 1), 'must lie between 2000 and 2200');

export const feedSchema = z.object({
  exists: z.boolean(),
  createdAt: z.string().nullable(),
  path: z
    .string()
    .nullable()
    .describe('The private feed path, `/calendar/<workspace>/<token>.ics`: only in the answer that made it.'),
});

/** `GET /calendar/:workspaceId/:file`: the file is `<token>.ics`. */
export const feedFileParams = z.strictObject({
  workspaceId: idParam,
  file: z.string().max(200),
});

/** `PUT /api/v1/me/busy-calendar`. */
export const importBody = z.strictObject({
  url: z.string().trim().min(1).max(2048).describe('An http or https iCalendar URL on a public address.'),
});

export const busyImportSchema = z.object({
  url: z.string().nullable(),
  fetchedAt: z.string().nullable(),
  error: z.string().nullable(),
  busy: z.array(z.object({ start: z.string(), end: z.string() })),
});

export const personParams = z.strictObject({ id: idParam });

export const busyQuery = z.strictObject({
  from: instant.optional().describe('Default: now.'),
  to: instant.optional().describe('Default: 7 days after `from`; at most 31.'),
});

export const busySchema = z.object({
  personId: z.string(),
  busy: z.array(z.object({ start: z.string(), end: z.string() })),
});
