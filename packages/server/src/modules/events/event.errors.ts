import { DomainError } from '../../shared/domain-error.js';

/** The `Last-Event-ID` (header or `lastEventId`) is not an event id. */
export class InvalidLastEventId extends DomainError {
  constructor(path: string) {
    super('validation_failed', 'The last event id must be the decimal id of an event.', {
      details: [{ path, message: 'must be a whole number of at most 30 digits' }],
    });
  }
}

/** The caller has as many open streams as allowed. */
export class TooManyStreams extends DomainError {
  readonly retryAfterSeconds = 5;
  constructor(limit: number) {
    super('rate_limited', `At most ${limit} event streams may be open at once; close one first.`);
  }
}
