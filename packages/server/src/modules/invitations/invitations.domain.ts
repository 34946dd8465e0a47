import type { InvitationRow } from '../../shared/database.js';

/** Where an invitation stands. */
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

/** The status of an invitation at `now`; acceptance and revocation win over expiry. */
export function invitationStatus(invitation: InvitationRow, now: number): InvitationStatus {
  if (invitation.acceptedAt !== null) return 'accepted';
  if (invitation.revokedAt !== null) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

/** Default and longest lifetime of an invitation link, in hours. */
export const invitationHours = { default: 72, max: 30 * 24 } as const;
