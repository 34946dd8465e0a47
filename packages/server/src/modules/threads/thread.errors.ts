import { DomainError } from '../../shared/domain-error.js';

/** A thread that does not exist, belongs to another workspace, or sits in a hidden channel: one answer. */
export class ThreadNotFound extends DomainError {
  constructor() {
    super('not_found', 'The thread does not exist or is not visible to you.');
  }
}
