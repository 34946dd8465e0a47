import { DomainError } from '../../shared/domain-error.js';

/** Another account already uses this e-mail address. */
export class EmailTaken extends DomainError {
  constructor() {
    super('email_taken', 'An account with this e-mail address already exists.');
  }
}

/** Login failed; the message never says which of e-mail and password was wrong. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super('invalid_credentials', 'The e-mail address or the password is wrong.');
  }
}
