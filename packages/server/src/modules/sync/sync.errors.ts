import { DomainError } from '../../shared/domain-error.js';

/** An invalid field of a sync request: a 400 naming it. */
export class InvalidSyncField extends DomainError {
  constructor(path: string, message: string) {
    super('validation_failed', `${path}: ${message}`, { details: [{ path, message }] });
  }
}
