/**
 * Invitations: the only way to join a workspace after setup. Owners and admins make one-time links
 * (`/invite/<token>`, stored as sha256) with a role and an expiry; accepting creates the account (or joins an
 * existing one), the membership and a session.
 */
export { registerInvitationRoutes } from './invitations.routes.js';
export { acceptInvitation, createInvitation } from './invitations.service.js';
export type { AcceptInput, CreatedInvitation, InvitationDeps } from './invitations.service.js';
/** The schema of a one-time link token, shared with setup. */
export { linkTokenField } from './invitations.schema.js';
