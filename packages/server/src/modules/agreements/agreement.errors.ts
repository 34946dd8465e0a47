import { DomainError } from '../../shared/domain-error.js';

/** The agreement changed since the caller read it (`If-Match`), or a concurrent change won. */
export class StaleAgreement extends DomainError {
  constructor() {
    super(
      'precondition_failed',
      'The agreement changed since you read it; read it again and reapply your change.',
    );
  }
}
