import { assertAllowed } from '../access/index.js';
import { loadVisibleChannel } from '../channels/index.js';
import { findChannelMentionRecipients, loadVisiblePost } from '../posts/index.js';
import type { DeliveryProfile, RhythmService } from '../rhythms/index.js';
import { loadVisibleThread } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { AskRow } from '../../shared/database.js';
import type { RecipientLanding } from '../../shared/delivery-planner.js';
import type { Keyset, Page, PageRequest } from '../../shared/keyset-page.js';
import { encodeCursor } from '../../shared/keyset-page.js';
import { askDueAt, nextSlotAfter } from './delivery.domain.js';
import { AskClosed, AskNotFound, DeliveryNotFound, InvalidDeliveryField } from './delivery.errors.js';
import * as repo from './delivery.repository.js';
import type { Executor, InboxRow } from './delivery.repository.js';
import type { Draft, DeliveryService } from './delivery.service.js';
import { attachCheckins } from './delivery-checkin.js';
import { storedLanding, toInboxItem, toWaiting } from './delivery-view.js';
import type { InboxItemView, WaitingView } from './delivery-view.js';

/** Most inbox items (and waiting asks) one list considers. TODO: order in SQL once inboxes grow past it. */
export const maxListed = 2000;
/** The latest a snooze may last. */
export const maxSnoozeMs = 30 * 86_400_000;

const pad = (n: number) => String(Math.max(0, Math.trunc(n))).padStart(16, '0');
const farFuture = 9_000_000_000_000_000;

/** A page of rows ordered by a string key computed in memory (lists capped at {@link maxListed}). */
function pageByKey<T>(rows: { key: string; id: string; item: T }[], page: PageRequest): Page<T> {
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const after = page.after as Keyset | undefined;
  const start = after
    ? rows.findIndex((r) => r.key > String(after.key) || (r.key === String(after.key) && r.id > after.id))
    : 0;
  const rest = start < 0 ? [] : rows.slice(start);
  const items = rest.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => r.item),
    nextCursor: rest.length > page.limit && last ? encodeCursor({ key: last.key, id: last.id }) : null,
  };
}

/** An inbox item's state after done, undone or snooze. */
export interface InboxStateView {
  id: string;
  state: 'delivered' | 'done';
  snoozedUntil: string | null;
}

const stateView = (row: { id: string; state: string; snoozedUntil: number | null }): InboxStateView => ({
  id: row.id,
  state: row.state === 'done' ? 'done' : 'delivered',
  snoozedUntil: row.snoozedUntil === null ? null : new Date(row.snoozedUntil).toISOString(),
});

/**
 * The inbox (delivered, not done: open asks first by due time, then the rest grouped by thread, latest
 * first), done / undone / snooze, waiting on others, answering, declining and acknowledging asks, and the
 * landing of drafts and sent posts. Nothing here tells anyone whether another person read something.
 */
export class InboxService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly deliveries: DeliveryService,
  ) {}

  private async profile(personId: string): Promise<DeliveryProfile> {
    return (await this.rhythms.deliveryProfiles([personId])).get(personId)!;
  }

  /** My inbox. */
  async inbox(caller: Caller, page: PageRequest): Promise<Page<InboxItemView>> {
    assertAllowed(caller, 'workspace.read');
    const now = this.clock.now();
    const rows = await repo.listInbox(this.db, caller.workspaceId, caller.personId, now, maxListed);
    const { timeZone } = await this.profile(caller.personId);
    const latestOfThread = new Map<string, number>();
    for (const r of rows) {
      const at = r.deliveredAt ?? 0;
      if (at > (latestOfThread.get(r.threadId) ?? -1)) latestOfThread.set(r.threadId, at);
    }
    const keyOf = (r: InboxRow) =>
      r.askState === 'open' && r.askDueAt !== null
        ? `0|${pad(r.askDueAt)}`
        : `1|${pad(farFuture - latestOfThread.get(r.threadId)!)}|${r.threadId}|${pad(farFuture - (r.deliveredAt ?? 0))}`;
    const listed = pageByKey(
      rows.map((r) => ({ key: keyOf(r), id: r.id, item: toInboxItem(r, timeZone) })),
      page,
    );
    await attachCheckins(this.db, listed.items, rows);
    return listed;
  }

  private async mine(tx: Executor, caller: Caller, id: string) {
    const row = await repo.findDelivery(tx, caller.workspaceId, caller.personId, id);
    if (!row || row.state === 'held') throw new DeliveryNotFound();
    return row;
  }

  /** Clears a delivered item from my inbox. */
  async done(caller: Caller, id: string): Promise<InboxStateView> {
    assertAllowed(caller, 'self.manage');
    const row = await this.mine(this.db, caller, id);
    if (row.state === 'done') return stateView(row);
    const doneAt = this.clock.now();
    await repo.updateInboxState(this.db, id, 'delivered', { state: 'done', doneAt });
    return stateView({ ...row, state: 'done' });
  }

  /** Puts a cleared item back into my inbox. */
  async undone(caller: Caller, id: string): Promise<InboxStateView> {
    assertAllowed(caller, 'self.manage');
    const row = await this.mine(this.db, caller, id);
    if (row.state === 'delivered') return stateView(row);
    await repo.updateInboxState(this.db, id, 'done', {
      state: 'delivered',
      doneAt: null,
      snoozedUntil: null,
    });
    return stateView({ ...row, state: 'delivered', snoozedUntil: null });
  }

  /** Hides an item until my next slot, or until `until` (after now, within 30 days). */
  async snooze(caller: Caller, id: string, until: number | undefined): Promise<InboxStateView> {
    assertAllowed(caller, 'self.manage');
    const now = this.clock.now();
    let at: number | null;
    if (until === undefined) {
      at = nextSlotAfter(await this.profile(caller.personId), now);
      if (at === null)
        throw new InvalidDeliveryField('body.until', 'you have no delivery slot within 400 days');
    } else {
      if (until <= now) throw new InvalidDeliveryField('body.until', 'must be later than now');
      if (until > now + maxSnoozeMs) throw new InvalidDeliveryField('body.until', 'at most 30 days from now');
      at = until;
    }
    const row = await this.mine(this.db, caller, id);
    if (row.state === 'done') throw new DeliveryNotFound();
    await repo.updateInboxState(this.db, id, 'delivered', { snoozedUntil: at });
    return stateView({ ...row, snoozedUntil: at });
  }

  /** My open asks of others, by due time (not yet delivered last), in their time and mine. */
  async waiting(caller: Caller, page: PageRequest): Promise<Page<WaitingView>> {
    assertAllowed(caller, 'workspace.read');
    const asks = await repo.listOpenAsksBy(this.db, caller.workspaceId, caller.personId, maxListed);
    const profiles = await this.rhythms.deliveryProfiles([caller.personId, ...asks.map((a) => a.personId)]);
    const mine = profiles.get(caller.personId)!.timeZone;
    return pageByKey(
      asks.map((a) => ({
        key: pad(a.dueAt ?? farFuture),
        id: a.id,
        item: toWaiting(a, profiles.get(a.personId)!.timeZone, mine),
      })),
      page,
    );
  }

  private async myAsk(caller: Caller, askId: string, db: Executor = this.db): Promise<AskRow> {
    const ask = await repo.findAsk(db, caller.workspaceId, askId);
    if (!ask || ask.personId !== caller.personId) throw new AskNotFound();
    return ask;
  }

  private async close(
    caller: Caller,
    askId: string,
    change: { state: 'answered' | 'declined'; declineReason?: string },
  ): Promise<{ id: string; state: AskRow['state'] }> {
    assertAllowed(caller, 'self.manage');
    return this.db.transaction().execute(async (tx) => {
      const ask = await this.myAsk(caller, askId, tx);
      if (!(await repo.closeAsk(tx, askId, { ...change, closedAt: this.clock.now() }))) throw new AskClosed();
      await this.deliveries.cancelReminder(tx, askId);
      await this.deliveries.publishAsksClosed(tx, [{ ...ask, state: change.state }]);
      return { id: askId, state: change.state };
    });
  }

  /** Answers an ask of me explicitly (a reply in the thread answers it too). */
  answer(caller: Caller, askId: string) {
    return this.close(caller, askId, { state: 'answered' });
  }

  /** Declines an ask of me, with a reason its asker sees. */
  decline(caller: Caller, askId: string, reason: string) {
    return this.close(caller, askId, { state: 'declined', declineReason: reason });
  }

  /** Acknowledges an ask of me ("seen, I'll answer by Thursday"): only what I write is shown to the asker. */
  async acknowledge(
    caller: Caller,
    askId: string,
    note: string,
  ): Promise<{ id: string; state: AskRow['state'] }> {
    assertAllowed(caller, 'self.manage');
    const ask = await this.myAsk(caller, askId);
    if (ask.state !== 'open') throw new AskClosed();
    await repo.acknowledgeAsk(this.db, askId, note, this.clock.now());
    return { id: askId, state: ask.state };
  }

  /** When a sent post landed or lands for each recipient, and when its asks are due. */
  async landing(caller: Caller, postId: string): Promise<{ postId: string; recipients: RecipientLanding[] }> {
    await loadVisiblePost(this.db, caller, postId);
    const { deliveries, asks } = await repo.listPostPlan(this.db, postId);
    const askOf = new Map(asks.map((a) => [a.id, a]));
    const profiles = await this.rhythms.deliveryProfiles([
      caller.personId,
      ...deliveries.map((d) => d.personId),
    ]);
    const mine = profiles.get(caller.personId)!.timeZone;
    return {
      postId,
      recipients: deliveries.map((d) => {
        const ask = d.askId === null ? undefined : askOf.get(d.askId);
        const profile = profiles.get(d.personId)!;
        const estimate =
          ask && ask.dueAt === null && d.releaseAt !== null
            ? askDueAt(profile, d.releaseAt, ask.windowHours)
            : null;
        return storedLanding(d, ask, estimate, { theirs: profile.timeZone, mine });
      }),
    };
  }

  /** What a draft in a thread (or a new thread in a channel) would do for each recipient. */
  async preview(
    caller: Caller,
    target: { threadId: string } | { channelId: string },
    draft: Omit<Draft, 'threadId' | 'channelMembers'> & { markdown?: string | undefined },
  ) {
    const { channel, threadId } =
      'threadId' in target
        ? { ...(await loadVisibleThread(this.db, caller, target.threadId)), threadId: target.threadId }
        : { channel: await loadVisibleChannel(this.db, caller, target.channelId), threadId: null };
    assertAllowed(caller, 'channel.post', { channel: channel.facts }, 'channel');
    const channelMembers =
      draft.markdown === undefined
        ? []
        : await findChannelMentionRecipients(this.db, caller, channel, draft.markdown);
    const plan = await this.deliveries.planDraft(this.db, caller, channel, {
      ...draft,
      threadId,
      channelMembers,
    });
    const budget = plan.budget;
    return {
      recipients: this.deliveries.landings(plan, caller.personId),
      interruptBudget: budget && {
        limit: budget.limit,
        used: budget.used,
        remaining: Math.max(0, budget.limit - budget.used),
        resetsAt: new Date(budget.resetsAt).toISOString(),
      },
    };
  }
}
