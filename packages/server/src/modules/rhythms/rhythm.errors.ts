import { DomainError } from '../../shared/domain-error.js';

/** Input that `@meanwhile/time` refused, or another invalid field: a 400 naming the field. */
export class InvalidRhythmField extends DomainError {
  constructor(path: string, message: string, cause?: unknown) {
    super('validation_failed', `${path}: ${message}`, { cause, details: [{ path, message }] });
  }
}

/** A stretch of time off that is not the caller's, or does not exist: one answer. */
export class TimeOffNotFound extends DomainError {
  constructor() {
    super('not_found', 'The time off does not exist or is not yours.');
  }
}

/** A person who is not an active member of the caller's workspace, or does not exist: one answer. */
export class PersonNotFound extends DomainError {
  constructor() {
    super('not_found', 'The person does not exist or is not visible to you.');
  }
}
