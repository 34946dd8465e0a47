import { DomainError } from '../../shared/domain-error.js';
import type { InvitationStatus } from './invitations.domain.js';

const reasons: Record<Exclude<InvitationStatus, 'pending'> | 'unknown', string> = {
  unknown: 'This invitation link is not valid.',
  accepted: 'This invitation link was already used.',
  revoked: 'This invitation link was revoked.',
  expired: 'This invitation link has expired.',
};

/** The invitation link cannot be used; the message says why, so the person can ask for a new one. */
export class InvitationUnusable extends DomainError {
  constructor(reason: keyof typeof reasons) {
    super('invitation_invalid', `${reasons[reason]} Ask an admin of the workspace for a new one.`);
  }
}

/** No invitation of the caller's workspace has this id. */
export class InvitationNotFound extends DomainError {
  constructor() {
    super('not_found', 'The invitation does not exist.');
  }
}

/** The invitation names another e-mail address. */
export class InvitationEmailMismatch extends DomainError {
  constructor() {
    super('invitation_email_mismatch', 'This invitation was made for another e-mail address.');
  }
}
