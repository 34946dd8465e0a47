import { DomainError } from '../../shared/domain-error.js';

/**
 * A scratch thread that does not exist, was promoted or expired, or is not the caller's: one answer, the
 * same as for any thread the caller may not see.
 */
export class ScratchNotFound extends DomainError {
  constructor() {
    super('not_found', 'The scratch thread does not exist or is not visible to you.');
  }
}
