/**
 * Authorization: the one place that answers "may this caller do this to this thing". Services call
 * {@link decide} with the facts about the target, or {@link assertAllowed} to throw the matching error.
 */
import type { Caller } from '../../shared/caller.js';
import { decide } from './access.domain.js';
import type { Action, Target } from './access.domain.js';
import { accessError } from './access.errors.js';
import { decideParticipation } from './participation.domain.js';
import type { ParticipationAction, ParticipationFacts } from './participation.domain.js';
import { decideDecisionAction } from './decision-access.domain.js';
import type { DecisionAction, DecisionFacts } from './decision-access.domain.js';

export { canSeeChannel, decide } from './access.domain.js';
export type { Action, ChannelFacts, Decision, Target } from './access.domain.js';
export { accessError } from './access.errors.js';
export { decideParticipation } from './participation.domain.js';
export type { ParticipationAction, ParticipationFacts } from './participation.domain.js';

/**
 * Throws `not_found` or `forbidden` unless the caller may do the action.
 *
 * @example assertAllowed(caller, 'post.edit', { channel, authorId: post.authorId }, 'post');
 */
export function assertAllowed(caller: Caller, action: Action, target: Target = {}, what?: string): void {
  const decision = decide(caller, action, target);
  if (!decision.allowed) throw accessError(decision, what);
}

/** Throws `not_found` or `forbidden` unless the caller may do this to a round, an idea or a check-in. */
export function assertParticipation(
  caller: Caller,
  action: ParticipationAction,
  facts: ParticipationFacts,
  what?: string,
): void {
  const decision = decideParticipation(caller, action, facts);
  if (!decision.allowed) throw accessError(decision, what);
}

export { decideDecisionAction } from './decision-access.domain.js';
export type { DecisionAction, DecisionFacts } from './decision-access.domain.js';

/** Throws `not_found` or `forbidden` unless the caller may do this with a decision. */
export function assertDecisionAllowed(caller: Caller, action: DecisionAction, facts: DecisionFacts): void {
  const decision = decideDecisionAction(caller, action, facts);
  if (!decision.allowed) throw accessError(decision, 'decision');
}
