import { DomainError } from '../../shared/domain-error.js';

/** A round or idea that does not exist or is not visible to the caller (an idea of another, before the reveal). */
export class IdeationNotFound extends DomainError {
  constructor(what: 'ideation round' | 'idea') {
    super('not_found', `The ${what} does not exist or is not visible to you.`);
  }
}

/** The round is not in the phase the request needs. */
export class WrongIdeationPhase extends DomainError {
  constructor(message: string) {
    super('ideation_phase', message);
  }
}

/** A dot change the round's rules do not allow. */
export class DotsExhausted extends DomainError {
  constructor(why: string) {
    super('dots_exhausted', `No: ${why}.`, { details: [{ path: 'body.dots', message: why }] });
  }
}

/** A request field naming something that is not there or not usable. */
export class InvalidIdeationReference extends DomainError {
  constructor(path: string, message: string) {
    super('invalid_reference', `${path} ${message}.`, { details: [{ path, message }] });
  }
}

/** Promotion into a decision while the decisions module is not installed. */
export class PromotionUnavailable extends DomainError {
  constructor() {
    super('promotion_unavailable', 'Promoting an idea into a decision needs the decisions module.');
  }
}

/** The idea was promoted already. */
export class AlreadyPromoted extends DomainError {
  constructor() {
    super('conflict', 'The idea was promoted already.');
  }
}
