import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';
import { pageOf } from '../../shared/page-query.js';
import { displayNameField, emailField, passwordField } from '../people/index.js';
import { timeZoneField } from '../rhythms/index.js';
import { invitationHours } from './invitations.domain.js';

/** A one-time token from a link (base64url of 32 bytes; a little slack, no junk). */
export const linkTokenField = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

/** `POST /api/v1/invitations`. */
export const createInvitationBody = z
  .object({
    email: emailField.optional(),
    role: z.enum(['admin', 'member', 'guest']),
    expiresInHours: z.number().int().min(1).max(invitationHours.max).optional(),
  })
  .strict();

/** An invitation as its workspace's admins see it (never its token). */
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  role: z.enum(['admin', 'member', 'guest']),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  invitedBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
});

/** The answer to creating an invitation: the one-time link path, shown this once. */
export const createdInvitationResponse = invitationSchema.extend({ linkPath: z.string() });

/** `GET /api/v1/invitations`: a page, the newest invitation first. */
export const invitationListResponse = pageOf(invitationSchema);

/** `DELETE /api/v1/invitations/:id`. */
export const invitationParams = z.strictObject({ id: idParam });

/** `POST /api/v1/invitations/accept`. */
export const acceptInvitationBody = z
  .object({
    token: linkTokenField,
    email: emailField,
    displayName: displayNameField,
    password: passwordField,
    timeZone: timeZoneField
      .optional()
      .describe("The browser's time zone, for a new account's default rhythm; UTC without it."),
  })
  .strict();
