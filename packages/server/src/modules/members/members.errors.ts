import { DomainError } from '../../shared/domain-error.js';

/** No member of the caller's workspace has this id (also for other workspaces' people and random ids). */
export class MemberNotFound extends DomainError {
  constructor() {
    super('not_found', 'The person does not exist or is not a member of this workspace.');
  }
}

/** The change would leave the workspace without an active owner. */
export class LastOwner extends DomainError {
  constructor() {
    super('last_owner', 'The workspace must keep at least one active owner.');
  }
}
