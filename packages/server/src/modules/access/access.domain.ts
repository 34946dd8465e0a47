// The one place that decides who may see or change each kind of thing (issue 3, "Authorization lives in one
// module"). Services gather the facts about the target (is the caller a member of the channel, who wrote the
// post) and ask `decide`; they never compare roles themselves.
import type { Caller } from '../../shared/caller.js';
import type { Role } from '../../shared/database.js';

/** What a caller wants to do. */
export type Action =
  | 'workspace.read'
  | 'workspace.manage'
  | 'people.list'
  | 'people.email'
  | 'people.manage'
  | 'invitation.manage'
  | 'channel.list'
  | 'channel.create'
  | 'channel.read'
  | 'channel.post'
  | 'channel.manage'
  | 'channel.join'
  | 'channel.leave'
  | 'thread.edit'
  | 'thread.follow'
  | 'post.edit'
  | 'post.delete'
  | 'post.react'
  | 'search'
  | 'self.manage'
  | 'availability.read'
  | 'agreement.read'
  | 'agreement.manage'
  | 'api.write'
  | 'meeting.request'
  | 'meeting.read'
  | 'meeting.change'
  | 'meeting.respond'
  | 'calendar.manage';

/** Facts about the channel an action touches. */
export interface ChannelFacts {
  visibility: 'public' | 'private';
  /** Whether the caller is a member of the channel. */
  isMember: boolean;
  isArchived: boolean;
}

/** Facts about the target of an action; which ones are needed depends on the action. */
export interface Target {
  channel?: ChannelFacts;
  /** Author of the post or thread acted on. */
  authorId?: string;
  /** Role of the person acted on (for `people.manage`). */
  subjectRole?: Role;
  /** Role the caller wants to give (for `people.manage` and `invitation.manage`). */
  grantedRole?: Role;
  /** Whether the caller is invited to the meeting acted on (for `meeting.*`). */
  isInvitee?: boolean;
}

/**
 * The decision: `not_found` when the caller may not even know the target exists (so a hidden channel and a
 * random id answer alike), `forbidden` when it is visible but the action is not allowed.
 */
export type Decision = { allowed: true } | { allowed: false; reason: 'not_found' | 'forbidden'; why: string };

const ALLOW: Decision = { allowed: true };
const deny = (reason: 'not_found' | 'forbidden', why: string): Decision => ({ allowed: false, reason, why });

const READ_ACTIONS = new Set<Action>([
  'workspace.read',
  'people.list',
  'people.email',
  'channel.list',
  'channel.read',
  'search',
  'availability.read',
  'agreement.read',
  'meeting.read',
]);
const RANK: Record<Role, number> = { guest: 0, member: 1, admin: 2, owner: 3 };

/** Whether the caller can see a channel: public to every non-guest member, private to its members. */
export function canSeeChannel(caller: Caller, channel: ChannelFacts): boolean {
  if (channel.isMember) return true;
  return channel.visibility === 'public' && caller.role !== 'guest';
}

function decideChannelAction(caller: Caller, action: Action, target: Target): Decision {
  const channel = target.channel;
  if (channel === undefined) throw new Error(`${action} needs target.channel`);
  if (!canSeeChannel(caller, channel)) return deny('not_found', 'the channel is not visible to the caller');
  switch (action) {
    case 'channel.read':
      return ALLOW;
    case 'channel.join':
      return channel.visibility === 'public'
        ? ALLOW
        : deny('forbidden', 'private channels are joined by invitation');
    case 'channel.manage':
      if (caller.role === 'guest') return deny('forbidden', 'guests do not manage channels');
      return RANK[caller.role] >= RANK.admin || channel.isMember
        ? ALLOW
        : deny('forbidden', 'only members of the channel or admins manage it');
    case 'thread.follow':
    case 'channel.leave':
      return ALLOW;
    default:
      break;
  }
  if (channel.isArchived) return deny('forbidden', 'the channel is archived');
  switch (action) {
    case 'channel.post':
    case 'post.react':
      return ALLOW;
    case 'thread.edit':
      return target.authorId === caller.personId || RANK[caller.role] >= RANK.admin
        ? ALLOW
        : deny('forbidden', 'only the author or an admin may rename the thread');
    case 'post.edit':
      return target.authorId === caller.personId ? ALLOW : deny('forbidden', 'only the author may edit it');
    case 'post.delete':
      return target.authorId === caller.personId || RANK[caller.role] >= RANK.admin
        ? ALLOW
        : deny('forbidden', 'only the author or an admin may delete it');
    default:
      throw new Error(`unknown channel action ${action}`);
  }
}

/** Meetings: their organiser and invitees see them; the organiser or an admin moves them; invitees answer. */
function decideMeetingAction(caller: Caller, action: Action, target: Target): Decision {
  const isOrganiser = target.authorId === caller.personId;
  const isInvitee = target.isInvitee === true;
  const isAdmin = RANK[caller.role] >= RANK.admin;
  if (!isOrganiser && !isInvitee && !isAdmin) return deny('not_found', 'the meeting is not the caller’s');
  switch (action) {
    case 'meeting.read':
      return ALLOW;
    case 'meeting.change':
      return isOrganiser || isAdmin
        ? ALLOW
        : deny('forbidden', 'only the organiser or an admin moves or cancels a meeting');
    default:
      return isInvitee ? ALLOW : deny('forbidden', 'only invitees answer a meeting request');
  }
}

/**
 * May this caller do this to this target?
 *
 * @example
 * const decision = decide(caller, 'post.delete', { channel, authorId: post.authorId });
 * if (!decision.allowed) throw accessError(decision);
 */
export function decide(caller: Caller, action: Action, target: Target = {}): Decision {
  if (caller.scope === 'read' && !READ_ACTIONS.has(action)) {
    return deny('forbidden', 'this API token may only read');
  }
  switch (action) {
    case 'workspace.read':
    case 'self.manage':
    case 'api.write': // any unsafe request: only the token scope check above applies
      return ALLOW;
    case 'people.email':
      return caller.role === 'guest'
        ? deny('forbidden', "guests do not see members' e-mail addresses")
        : ALLOW;
    case 'people.list':
    case 'channel.list':
    case 'search':
      return ALLOW;
    case 'channel.create':
      return caller.role === 'guest' ? deny('forbidden', 'guests cannot create channels') : ALLOW;
    case 'availability.read': // hours, focus and time off as working / focus / off; never a note
    case 'agreement.read':
      return ALLOW;
    case 'agreement.manage':
      return RANK[caller.role] >= RANK.admin
        ? ALLOW
        : deny('forbidden', 'only owners and admins change the agreement');
    case 'meeting.request': // into an agenda thread the caller may post in (checked by posting)
    case 'calendar.manage': // one's own feed and imported calendar
      return ALLOW;
    case 'meeting.read':
    case 'meeting.change':
    case 'meeting.respond':
      return decideMeetingAction(caller, action, target);
    case 'workspace.manage':
      return RANK[caller.role] >= RANK.admin
        ? ALLOW
        : deny('forbidden', 'only owners and admins manage the workspace');
    case 'invitation.manage':
      if (RANK[caller.role] < RANK.admin) return deny('forbidden', 'only owners and admins invite people');
      if (target.grantedRole === 'owner')
        return deny('forbidden', 'owners are not invited; an owner promotes');
      return ALLOW;
    case 'people.manage': {
      if (RANK[caller.role] < RANK.admin) return deny('forbidden', 'only owners and admins manage people');
      const highest = Math.max(RANK[target.subjectRole ?? 'guest'], RANK[target.grantedRole ?? 'guest']);
      // Admins manage members and guests; only owners touch admins and owners.
      if (caller.role !== 'owner' && highest >= RANK.admin) {
        return deny('forbidden', 'only an owner changes admins and owners');
      }
      return ALLOW;
    }
    default:
      return decideChannelAction(caller, action, target);
  }
}
