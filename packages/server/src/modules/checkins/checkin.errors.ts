import { DomainError } from '../../shared/domain-error.js';

/** A check-in that does not exist or is not visible to the caller. */
export class CheckinNotFound extends DomainError {
  constructor() {
    super('not_found', 'The check-in does not exist or is not visible to you.');
  }
}

/** Nothing of this check-in was asked of the caller (for that date). */
export class CheckinNotAsked extends DomainError {
  constructor() {
    super('checkin_not_asked', 'You have no question of this check-in to answer (for that date).');
  }
}

/** The round was closed and summarised. */
export class CheckinRoundClosed extends DomainError {
  constructor(date: string) {
    super('checkin_round_closed', `The round of ${date} was closed and summarised in the thread.`);
  }
}

/** A field of the request that does not fit the check-in. */
export class InvalidCheckinField extends DomainError {
  constructor(path: string, message: string) {
    super('validation_failed', `${path} ${message}.`, { details: [{ path, message }] });
  }
}
