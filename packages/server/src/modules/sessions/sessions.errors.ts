import { DomainError } from '../../shared/domain-error.js';

/** No session of the caller has this id (also for other people's and other workspaces' sessions). */
export class SessionNotFound extends DomainError {
  constructor() {
    super('not_found', 'The session does not exist or is not yours.');
  }
}
