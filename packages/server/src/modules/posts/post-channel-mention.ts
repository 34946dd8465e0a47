// Whole-channel mentions (`@channel`, `@all`, as in Slack, Zulip and Mattermost): allowed only where the
// workspace's agreement allows them (PRODUCT.md "Delivery"); then every member of the channel who can see
// it is a recipient, as a mentioned person is. The landing preview uses the same rule.
import { areChannelMentionsAllowed } from '../agreements/index.js';
import { filterChannelReaders, listVisibleChannelMemberIds } from '../channels/index.js';
import type { VisibleChannel } from '../channels/index.js';
import type { Caller } from '../../shared/caller.js';
import { ChannelMentionNotAllowed } from './post.errors.js';
import { findChannelMentions } from './post.markdown.js';
import type { Executor } from './post.repository.js';

/**
 * The people a whole-channel mention in `markdown` reaches: the channel's active members who can see it
 * (guests only as members of the channel), never the author; none without such a mention. Sorted, so
 * that followers and deliveries are written in one order.
 *
 * @throws ChannelMentionNotAllowed (422, naming `body.markdown`) when the agreement does not allow it.
 * @example
 * const everyone = await findChannelMentionRecipients(tx, caller, channel, 'Heads up @channel');
 */
export async function findChannelMentionRecipients(
  db: Executor,
  caller: Caller,
  channel: VisibleChannel,
  markdown: string,
): Promise<string[]> {
  const [mention] = findChannelMentions(markdown);
  if (mention === undefined) return [];
  if (!(await areChannelMentionsAllowed(db, caller.workspaceId))) throw new ChannelMentionNotAllowed(mention);
  const members = await listVisibleChannelMemberIds(db, caller, channel.channel.id);
  const readers = await filterChannelReaders(db, caller, channel, members);
  return readers.filter((id) => id !== caller.personId).sort();
}

/**
 * Refuses an edit that adds a whole-channel mention the agreement does not allow. One the post already
 * made stays editable (the agreement may have changed since); an edit never delivers the post again.
 */
export async function assertChannelMentionEditAllowed(
  db: Executor,
  workspaceId: string,
  before: string,
  after: string,
): Promise<void> {
  const had = new Set(findChannelMentions(before));
  const added = findChannelMentions(after).find((m) => !had.has(m));
  if (added !== undefined && !(await areChannelMentionsAllowed(db, workspaceId)))
    throw new ChannelMentionNotAllowed(added);
}
