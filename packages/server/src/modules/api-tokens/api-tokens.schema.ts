import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { pageOf } from '../../shared/page-query.js';

/** `POST /api/v1/tokens`. */
export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(['read', 'read-write']),
  })
  .strict();

/** A token as listed: never its secret. */
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'read-write']),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});

/** The answer to creating a token: the secret, shown this once. */
export const createdTokenResponse = tokenSchema.extend({ token: z.string() });

/** `GET /api/v1/tokens`: a page, the newest token first. */
export const tokenListResponse = pageOf(tokenSchema);

/** `DELETE /api/v1/tokens/:id`. */
export const tokenParams = z.strictObject({ id: idParam });
