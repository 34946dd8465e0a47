import { DomainError } from '../../shared/domain-error.js';

/** A decision that does not exist, is in another workspace, or in a thread the caller cannot see: one answer. */
export class DecisionNotFound extends DomainError {
  constructor() {
    super('not_found', 'The decision does not exist or is not visible to you.');
  }
}

/** The decision is closed (or waits for its tie-break): responses no longer change. */
export class DecisionClosed extends DomainError {
  constructor() {
    super('decision_closed', 'The decision is closed: responses can no longer change.');
  }
}

/** An early close before every required participant responded. */
export class DecisionResponsesMissing extends DomainError {
  constructor(missing: number) {
    super(
      'decision_responses_missing',
      `${missing} required participant${missing === 1 ? ' has' : 's have'} not responded yet: the decision closes early only once all have, or at its close.`,
    );
  }
}

/** An explicit deadline before the fair close. */
export class DeadlineTooEarly extends DomainError {
  constructor(earliest: number) {
    const at = new Date(earliest).toISOString();
    super(
      'decision_deadline_too_early',
      `closesAt must be at or after ${at}: the fair close, when every required participant has had the window in their own working hours.`,
      { details: [{ path: 'body.closesAt', message: `earliest allowed: ${at}` }] },
    );
  }
}

/** A tie-break when none is awaited, or with an option that is not tied. */
export class NoTie extends DomainError {
  constructor(message: string) {
    super('decision_no_tie', message);
  }
}

/** An invalid field of a decision request: a 400 naming it. */
export class InvalidDecisionField extends DomainError {
  constructor(path: string, message: string) {
    super('validation_failed', `${path}: ${message}`, { details: [{ path, message }] });
  }
}
