// Who may do what with a decision (issue 6). A decision lives in a thread: whoever may read the thread's
// channel sees it (guests only where they see the thread); responding is for its participants, closing
// early and breaking a tie for its decider.
import type { Caller } from '../../shared/caller.js';
import { decide } from './access.domain.js';
import type { ChannelFacts, Decision } from './access.domain.js';

/** What a caller wants to do with a decision. */
export type DecisionAction = 'decision.open' | 'decision.read' | 'decision.respond' | 'decision.close';

/** Facts about the decision acted on. */
export interface DecisionFacts {
  channel: ChannelFacts;
  /** Whether the caller is one of its participants (required or optional). */
  isParticipant: boolean;
  /** Whether the caller is its decider. */
  isDecider: boolean;
}

/**
 * May the caller do this with this decision? Reading follows the channel; opening is posting into the
 * thread; responding needs a participant, closing (early, or the tie-break) the decider; roles grant
 * nothing more (admins do not respond or close for others).
 */
export function decideDecisionAction(caller: Caller, action: DecisionAction, facts: DecisionFacts): Decision {
  const read = decide(caller, 'channel.read', { channel: facts.channel });
  if (!read.allowed) return read;
  if (action === 'decision.read') return read;
  const write = decide(caller, 'channel.post', { channel: facts.channel });
  if (!write.allowed || action === 'decision.open') return write;
  if (action === 'decision.respond')
    return facts.isParticipant
      ? write
      : { allowed: false, reason: 'forbidden', why: 'only its participants respond to a decision' };
  return facts.isDecider
    ? write
    : { allowed: false, reason: 'forbidden', why: 'only its decider closes a decision or breaks a tie' };
}
