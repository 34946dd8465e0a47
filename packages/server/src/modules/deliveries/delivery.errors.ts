import { DomainError } from '../../shared/domain-error.js';

/** A delivery that is not the caller's, is not in their inbox yet, or does not exist: one answer. */
export class DeliveryNotFound extends DomainError {
  constructor() {
    super('not_found', 'The delivery does not exist or is not in your inbox.');
  }
}

/** An ask that is not the caller's, or does not exist: one answer. */
export class AskNotFound extends DomainError {
  constructor() {
    super('not_found', 'The ask does not exist or was not made of you.');
  }
}

/** The ask was answered or declined already. */
export class AskClosed extends DomainError {
  constructor() {
    super('ask_closed', 'The ask is answered or declined already.');
  }
}

/** An invalid field of a delivery request: a 400 naming it. */
export class InvalidDeliveryField extends DomainError {
  constructor(path: string, message: string) {
    super('validation_failed', `${path}: ${message}`, { details: [{ path, message }] });
  }
}

/** The sender spent this week's interruption budget. */
export class InterruptBudgetSpent extends DomainError {
  constructor(budget: number, resetsAt: number, timeZone: string) {
    const when = new Date(resetsAt).toISOString();
    super(
      'interrupt_budget_spent',
      `You have sent all ${budget} interrupts of this week; the budget resets at ${when} (Monday 00:00, ${timeZone}). Send it without interrupting: it lands in each recipient's next slot.`,
      { details: [{ path: 'body.interrupt', message: `budget spent; resets at ${when}` }] },
    );
  }
}

/** An emergency from a role the agreement does not allow to send one. */
export class EmergencyNotAllowed extends DomainError {
  constructor(roles: readonly string[]) {
    super(
      'forbidden',
      `Only ${roles.length === 0 ? 'nobody' : roles.join(', ')} may send an emergency through time off (the agreement).`,
      { details: [{ path: 'body.interrupt.emergency', message: 'not allowed for your role' }] },
    );
  }
}
