import { DomainError } from '../../shared/domain-error.js';
import type { Decision } from './access.domain.js';

/** The error for a denied decision: the same `not_found` for hidden and missing things (no existence oracle). */
export function accessError(decision: Extract<Decision, { allowed: false }>, what = 'resource'): DomainError {
  return decision.reason === 'not_found'
    ? new DomainError('not_found', `The ${what} does not exist or is not visible to you.`)
    : new DomainError('forbidden', `You may not do this: ${decision.why}.`);
}
