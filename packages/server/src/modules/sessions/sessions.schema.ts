import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { pageOf } from '../../shared/page-query.js';

/** An id in a path: UUID-shaped strings only, so junk never reaches a query. */
export const idParams = z.strictObject({ id: idParam });

/** A person as the API shows them to themselves. */
export const personSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
});

/** A workspace as the API shows it. */
export const workspaceSchema = z.object({ id: z.string(), name: z.string() });

/** A role. */
export const roleSchema = z.enum(['owner', 'admin', 'member', 'guest']);

/** `POST /api/v1/auth/login`. */
export const loginBody = z
  .object({
    email: z.string().min(1).max(320),
    password: z.string().min(1).max(1000),
    workspaceId: z.string().min(1).max(64).optional(),
  })
  .strict();

/** A signed-in answer: the CSRF token to send as `X-CSRF-Token` on unsafe requests, and who and where. */
export const signedInResponse = z.object({
  csrfToken: z.string(),
  person: personSchema,
  workspace: workspaceSchema,
  role: roleSchema,
});

/** `GET /api/v1/me`. `csrfToken` is present for session callers, so a reloaded page can recover it. */
export const meResponse = z.object({
  person: personSchema,
  workspace: workspaceSchema,
  role: roleSchema,
  via: z.enum(['session', 'token']),
  scope: z.enum(['read', 'read-write']),
  csrfToken: z.string().optional(),
});

/** `GET /api/v1/sessions`: a page, the newest session first. */
export const sessionListResponse = pageOf(
  z.object({
    id: z.string(),
    userAgent: z.string().nullable(),
    createdAt: z.number(),
    lastSeenAt: z.number(),
    expiresAt: z.number(),
    isCurrent: z.boolean(),
  }),
);
