// Who may take part in the things that gather several people's written contributions: ideation rounds and
// check-ins (issue 6). Both live in a channel: seeing them follows the channel; contributing needs being
// named a participant; changing an idea needs being its author. Services gather the facts and ask here.
import type { Caller } from '../../shared/caller.js';
import { canSeeChannel } from './access.domain.js';
import type { ChannelFacts, Decision } from './access.domain.js';

/** What a caller wants to do with a round, an idea or a check-in. */
export type ParticipationAction =
  | 'ideation.read'
  | 'ideation.open'
  | 'ideation.submit'
  | 'ideation.dot'
  | 'idea.edit'
  | 'idea.promote'
  | 'checkin.read'
  | 'checkin.open'
  | 'checkin.answer';

/** Facts about the round or check-in acted on. */
export interface ParticipationFacts {
  channel: ChannelFacts;
  /** Whether the caller was named a participant. */
  isParticipant: boolean;
  /** Author of the idea acted on (for `idea.edit`). */
  authorId?: string;
}

const READS = new Set<ParticipationAction>(['ideation.read', 'checkin.read']);
const ALLOW: Decision = { allowed: true };
const deny = (reason: 'not_found' | 'forbidden', why: string): Decision => ({ allowed: false, reason, why });

/**
 * May this caller do this to this round, idea or check-in? Hidden channels answer `not_found`, like a
 * missing id; a read-only token may only read.
 *
 * @example
 * const decision = decideParticipation(caller, 'ideation.dot', { channel, isParticipant: true });
 */
export function decideParticipation(
  caller: Caller,
  action: ParticipationAction,
  facts: ParticipationFacts,
): Decision {
  if (!canSeeChannel(caller, facts.channel))
    return deny('not_found', 'the channel is not visible to the caller');
  if (READS.has(action)) return ALLOW;
  if (caller.scope === 'read') return deny('forbidden', 'this API token may only read');
  if (facts.channel.isArchived) return deny('forbidden', 'the channel is archived');
  switch (action) {
    case 'ideation.open':
    case 'checkin.open':
      return ALLOW;
    case 'idea.edit':
      return facts.authorId === caller.personId ? ALLOW : deny('forbidden', 'only its author edits an idea');
    case 'ideation.submit':
    case 'ideation.dot':
    case 'idea.promote':
    case 'checkin.answer':
      return facts.isParticipant ? ALLOW : deny('forbidden', 'only its participants take part');
    default:
      throw new Error(`unknown participation action ${String(action)}`);
  }
}
