import { DomainError } from '../../shared/domain-error.js';

/** An unsubscribe link that no digest carried: one answer for unknown and malformed tokens. */
export class UnsubscribeLinkNotFound extends DomainError {
  constructor() {
    super('not_found', 'This unsubscribe link is not valid.');
  }
}
