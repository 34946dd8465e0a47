import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { pageOf } from '../../shared/page-query.js';

const role = z.enum(['owner', 'admin', 'member', 'guest']);

/** A member as listed; `email` only for callers who may see it (not guests). */
export const memberSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().optional(),
  role,
  joinedAt: z.number(),
  deactivatedAt: z.number().nullable(),
});

/** `GET /api/v1/people`: a page, in the order people joined. */
export const memberListResponse = pageOf(memberSchema);

/** `/api/v1/people/:id`. */
export const memberParams = z.strictObject({ id: idParam });

/** `PATCH /api/v1/people/:id`. */
export const changeRoleBody = z.object({ role }).strict();
