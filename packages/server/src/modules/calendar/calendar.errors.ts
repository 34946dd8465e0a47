import { DomainError } from '../../shared/domain-error.js';

/** The feed does not exist, or the token is wrong or of another workspace: one answer. */
export class FeedNotFound extends DomainError {
  constructor() {
    super('not_found', 'No such calendar feed.');
  }
}

/** No imported calendar to remove. */
export class BusyImportNotFound extends DomainError {
  constructor() {
    super('not_found', 'You import no calendar.');
  }
}

/** A person who is not an active member of the caller's workspace, or does not exist: one answer. */
export class PersonNotFound extends DomainError {
  constructor() {
    super('not_found', 'The person does not exist or is not visible to you.');
  }
}

/** An invalid range of a busy-times request. */
export class InvalidRange extends DomainError {
  constructor(message: string) {
    super('validation_failed', `query.to: ${message}`, { details: [{ path: 'query.to', message }] });
  }
}
