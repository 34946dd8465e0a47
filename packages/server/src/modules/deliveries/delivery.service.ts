import { assertPeopleCanSeeChannel, filterChannelReaders } from '../channels/index.js';
import type { VisibleChannel } from '../channels/index.js';
import type { AgreementService } from '../agreements/index.js';
import type { DeliveryProfile, RhythmService } from '../rhythms/index.js';
import { addFollowers, listFollowerIds } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { AskRow, DeliveryRow } from '../../shared/database.js';
import type {
  AskRequest,
  DeliveryPlanner,
  InterruptRequest,
  PostedMessage,
  RecipientLanding,
} from '../../shared/delivery-planner.js';
import type { EventPublisher, EventToPublish } from '../../shared/event-publisher.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { newId } from '../../shared/new-id.js';
import {
  askDueAt,
  budgetWeek,
  collectRecipients,
  noSlotReason,
  planDelivery,
  planRelease,
} from './delivery.domain.js';
import type { PlannedDelivery, SendMode } from './delivery.domain.js';
import { EmergencyNotAllowed, InterruptBudgetSpent, InvalidDeliveryField } from './delivery.errors.js';
import * as repo from './delivery.repository.js';
import type { Executor } from './delivery.repository.js';
import { plannedLanding } from './delivery-view.js';

/** The job that releases a recipient's held deliveries due at one time; subject `workspace:person:releaseAt`. */
export const releaseJobKind = 'delivery.release';
/** The job that makes an overdue ask's one reminder; subject the ask id. */
export const remindJobKind = 'ask.remind';

/** A draft's recipients and what the post would do for each. */
export interface DraftPlan {
  planned: PlannedDelivery[];
  profiles: Map<string, DeliveryProfile>;
  mode: SendMode;
  budget: { limit: number; used: number; weekStart: number; resetsAt: number; timeZone: string } | null;
}

/** What a draft says about its recipients (the landing preview, or a post being written). */
export interface Draft {
  threadId: string | null;
  mentions: readonly string[];
  asks: readonly AskRequest[];
  interrupt?: InterruptRequest | undefined;
  /** Reached by a whole-channel mention: recipients as followers are (their slot, never interrupted). */
  channelMembers?: readonly string[] | undefined;
}

/** Told, in the delivering transaction, who was delivered something and when (digests schedule from it). */
export type DeliveredListener = (
  tx: Executor,
  delivered: readonly { workspaceId: string; personId: string; deliveredAt: number }[],
) => Promise<void>;

const releaseSubject = (workspaceId: string, personId: string, releaseAt: number) =>
  `${workspaceId}:${personId}:${releaseAt}`;

/**
 * Plans, holds and releases deliveries: creates them when a post is written (as the posts module's
 * {@link DeliveryPlanner}), releases them from the scheduler at each recipient's slot, makes the one
 * reminder of an overdue ask, and re-plans a person's held deliveries when their rhythm changes.
 */
export class DeliveryService implements DeliveryPlanner<Executor, VisibleChannel> {
  readonly #deliveredListeners: DeliveredListener[] = [];

  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly agreements: Pick<AgreementService, 'currentAgreement'>,
    private readonly jobs: JobQueue<Executor>,
    private readonly events: EventPublisher<Executor>,
  ) {}

  /** Adds a listener told of every delivery made (released, at once, or a reminder), in its transaction. */
  onDelivered(listener: DeliveredListener): void {
    this.#deliveredListeners.push(listener);
  }

  /** Registers the release and reminder jobs on the queue. */
  registerJobs(): void {
    // Release jobs fall due together (a slot's start): several run in one transaction, set-based.
    this.jobs.handleBatch(releaseJobKind, async (jobs, { tx, now }) => {
      const recipients = jobs.map((job) => {
        const [workspaceId, personId] = job.subjectId.split(':');
        return { workspaceId: workspaceId!, personId: personId! };
      });
      await this.releaseRecipients(tx, recipients, now);
    });
    this.jobs.handle(remindJobKind, async (job, { tx, now }) => this.remind(tx, job.subjectId, now));
  }

  /**
   * What a draft would do, for each recipient (one profiles call, then pure time maths). Validates the
   * asked and mentioned people (readers of the channel), the emergency's role and the asks.
   */
  async planDraft(tx: Executor, caller: Caller, channel: VisibleChannel, draft: Draft): Promise<DraftPlan> {
    const askIds = draft.asks.map((a) => a.personId);
    draft.asks.forEach((ask, i) => {
      if (ask.personId === caller.personId)
        throw new InvalidDeliveryField(`body.asks.${i}.personId`, 'you cannot ask yourself');
      if (askIds.indexOf(ask.personId) !== i)
        throw new InvalidDeliveryField(`body.asks.${i}.personId`, 'asked twice');
    });
    if (draft.mentions.length > 0)
      await assertPeopleCanSeeChannel(tx, caller, channel, draft.mentions, 'body.mentions');
    if (askIds.length > 0) await assertPeopleCanSeeChannel(tx, caller, channel, askIds, 'body.asks');
    const needsAgreement = draft.asks.length > 0 || draft.interrupt !== undefined;
    const agreement = needsAgreement
      ? await this.agreements.currentAgreement(caller.workspaceId, channel.channel.id, tx)
      : null;
    const isEmergency = draft.interrupt?.emergency === true;
    if (isEmergency && !agreement!.emergencyRoles.includes(caller.role))
      throw new EmergencyNotAllowed(agreement!.emergencyRoles);
    const followers = draft.threadId === null ? [] : await listFollowerIds(tx, draft.threadId);
    const recipients = collectRecipients({
      authorId: caller.personId,
      followers: await filterChannelReaders(tx, caller, channel, [
        ...followers,
        ...(draft.channelMembers ?? []),
      ]),
      mentions: draft.mentions,
      asks: draft.asks.map((a) => ({ ...a, windowHours: agreement!.replyWindows[a.level] })),
    });
    const profiles = await this.rhythms.deliveryProfiles(
      [caller.personId, ...recipients.map((r) => r.personId)],
      tx,
    );
    const now = this.clock.now();
    const mode: SendMode = {
      now,
      interrupt: draft.interrupt === undefined ? null : isEmergency ? 'emergency' : 'interrupt',
    };
    const planned = recipients.map((r) => planDelivery(r, profiles.get(r.personId)!, mode));
    let budget: DraftPlan['budget'] = null;
    if (agreement && draft.interrupt) {
      const timeZone = profiles.get(caller.personId)!.timeZone;
      const week = budgetWeek(timeZone, now);
      const used = await repo.countInterrupts(tx, {
        workspaceId: caller.workspaceId,
        personId: caller.personId,
        weekStart: week.start,
      });
      budget = { limit: agreement.interruptionBudget, used, weekStart: week.start, ...week, timeZone };
    }
    return { planned, profiles, mode, budget };
  }

  /** The landing of each recipient of a plan, with the author's wall clock beside theirs. */
  landings(plan: DraftPlan, authorId: string): RecipientLanding[] {
    const mine = plan.profiles.get(authorId)!.timeZone;
    return plan.planned.map((p) => plannedLanding(p, plan.profiles.get(p.personId)!.timeZone, mine));
  }

  async planPost(
    tx: Executor,
    caller: Caller,
    channel: VisibleChannel,
    posted: PostedMessage,
  ): Promise<RecipientLanding[]> {
    const now = this.clock.now();
    // A reply by an asked person answers their open asks in the thread.
    const answered = await repo.answerOpenAsksInThread(
      tx,
      posted.threadId,
      caller.personId,
      posted.postId,
      now,
    );
    for (const ask of answered) await this.jobs.cancel(tx, { kind: remindJobKind, subjectId: ask.id });
    await this.publishAsksClosed(
      tx,
      answered.map((ask) => ({ ...ask, state: 'answered' as const })),
    );
    const plan = await this.planDraft(tx, caller, channel, posted);
    // Asked people follow the thread, as mentioned ones do.
    await addFollowers(
      tx,
      posted.threadId,
      posted.asks.map((a) => a.personId),
      now,
    );
    if (plan.budget && plan.planned.some((p) => p.interrupt !== null)) {
      const { limit, weekStart, resetsAt, timeZone } = plan.budget;
      const key = { workspaceId: caller.workspaceId, personId: caller.personId, weekStart };
      if (!(await repo.spendInterrupt(tx, key, limit)))
        throw new InterruptBudgetSpent(limit, resetsAt, timeZone);
    }
    await this.store(tx, caller, posted, plan);
    return this.landings(plan, caller.personId);
  }

  private async store(tx: Executor, caller: Caller, posted: PostedMessage, plan: DraftPlan): Promise<void> {
    const now = plan.mode.now;
    const asks: AskRow[] = [];
    const deliveries: DeliveryRow[] = [];
    for (const p of plan.planned) {
      const isNow = p.releaseAt !== null && p.releaseAt <= now;
      const askId = p.ask ? newId(now) : null;
      if (p.ask && askId)
        asks.push({
          id: askId,
          workspaceId: caller.workspaceId,
          postId: posted.postId,
          threadId: posted.threadId,
          channelId: posted.channelId,
          askerId: caller.personId,
          personId: p.personId,
          level: p.ask.level,
          windowHours: p.ask.windowHours,
          state: 'open',
          dueAt: isNow ? p.dueAt : null,
          answerPostId: null,
          declineReason: null,
          ackNote: null,
          ackedAt: null,
          remindedAt: null,
          closedAt: null,
          createdAt: now,
        });
      deliveries.push({
        id: newId(now),
        workspaceId: caller.workspaceId,
        personId: p.personId,
        postId: posted.postId,
        threadId: posted.threadId,
        channelId: posted.channelId,
        authorId: caller.personId,
        kind: 'post',
        askId,
        state: isNow ? 'delivered' : 'held',
        releaseAt: p.releaseAt,
        heldReason: p.heldReason,
        interruptReason: p.interrupt ? posted.interrupt!.reason : null,
        isEmergency: p.interrupt === 'emergency' ? 1 : 0,
        deliveredAt: isNow ? now : null,
        doneAt: null,
        snoozedUntil: null,
        createdAt: now,
      });
    }
    await repo.insertAsks(tx, asks);
    await repo.insertDeliveries(tx, deliveries);
    for (const ask of asks)
      if (ask.dueAt !== null) await this.scheduleReminder(tx, ask.id, ask.workspaceId, ask.dueAt);
    await this.scheduleReleases(tx, deliveries);
    await this.publishDelivered(
      tx,
      deliveries.filter((d) => d.state === 'delivered'),
    );
  }

  // One job per recipient and release time; its subject names the time, so a pending one is already
  // right. In sorted order: concurrent posts to the same people then take row locks in one order.
  private async scheduleReleases(tx: Executor, rows: readonly DeliveryRow[]): Promise<void> {
    const jobs = new Map<string, { workspaceId: string; dueAt: number }>();
    for (const d of rows) {
      if (d.state !== 'held' || d.releaseAt === null) continue;
      jobs.set(releaseSubject(d.workspaceId, d.personId, d.releaseAt), {
        workspaceId: d.workspaceId,
        dueAt: d.releaseAt,
      });
    }
    for (const subjectId of [...jobs.keys()].sort()) {
      const { workspaceId, dueAt } = jobs.get(subjectId)!;
      await this.jobs.ensureScheduled(tx, { kind: releaseJobKind, subjectId, workspaceId, dueAt });
    }
  }

  private scheduleReminder(tx: Executor, askId: string, workspaceId: string, dueAt: number): Promise<string> {
    return this.jobs.schedule(tx, { kind: remindJobKind, subjectId: askId, workspaceId, dueAt });
  }

  /**
   * Tells each asker that an ask of theirs was answered or declined (`inbox.ask-closed`), so that their
   * *waiting on others* updates live. The asked person's reason for declining is in the ask, not the event.
   */
  async publishAsksClosed(
    tx: Executor,
    asks: readonly (Pick<AskRow, 'id' | 'workspaceId' | 'askerId' | 'threadId'> & {
      state: 'answered' | 'declined';
    })[],
  ): Promise<void> {
    if (asks.length === 0) return;
    await this.events.publish(
      tx,
      asks.map((ask) => ({
        workspaceId: ask.workspaceId,
        personId: ask.askerId,
        type: 'inbox.ask-closed',
        payload: { askId: ask.id, threadId: ask.threadId, state: ask.state },
      })),
    );
  }

  private async publishDelivered(tx: Executor, rows: readonly DeliveryRow[]): Promise<void> {
    if (rows.length === 0) return;
    const events: EventToPublish[] = rows.map((d) => ({
      workspaceId: d.workspaceId,
      personId: d.personId,
      type: 'inbox.delivered',
      payload: {
        deliveryId: d.id,
        kind: d.kind,
        postId: d.postId,
        threadId: d.threadId,
        askId: d.askId,
        interrupt:
          d.interruptReason === null ? null : { reason: d.interruptReason, emergency: d.isEmergency === 1 },
      },
    }));
    await this.events.publish(tx, events);
    const delivered = rows.map((d) => ({
      workspaceId: d.workspaceId,
      personId: d.personId,
      deliveredAt: d.deliveredAt!,
    }));
    for (const listener of this.#deliveredListeners) await listener(tx, delivered);
  }

  /**
   * Releases a recipient's held deliveries that are due (a job's work): never early, never twice. Asks
   * among them get their due time, counted from now in the recipient's working time, and a reminder job.
   */
  async release(tx: Executor, workspaceId: string, personId: string, now: number): Promise<number> {
    const released = await repo.releaseDue(tx, workspaceId, personId, now);
    await this.startAskClocks(tx, released, now);
    await this.publishDelivered(tx, released);
    return released.length;
  }

  /**
   * Releases the held deliveries that are due of several recipients (a batch of release jobs' work), as
   * {@link release} does for one, with one statement per step for all of them: the conditional held →
   * delivered change, the ask clocks, and the inbox events (one insert, one signal).
   */
  async releaseRecipients(
    tx: Executor,
    recipients: readonly { workspaceId: string; personId: string }[],
    now: number,
  ): Promise<number> {
    const released = await repo.releaseDueOfRecipients(tx, recipients, now);
    await this.startAskClocks(tx, released, now);
    await this.publishDelivered(tx, released);
    return released.length;
  }

  private async startAskClocks(tx: Executor, released: readonly DeliveryRow[], now: number): Promise<void> {
    const askIds = released.filter((d) => d.kind === 'post' && d.askId !== null).map((d) => d.askId!);
    if (askIds.length === 0) return;
    const asks = await repo.findAsksByIds(tx, askIds);
    const profiles = await this.rhythms.deliveryProfiles([...new Set(asks.map((a) => a.personId))], tx);
    for (const ask of asks) {
      if (ask.state !== 'open' || ask.dueAt !== null) continue;
      const dueAt = askDueAt(profiles.get(ask.personId)!, now, ask.windowHours);
      await repo.setAskDue(tx, ask.id, dueAt);
      if (dueAt !== null) await this.scheduleReminder(tx, ask.id, ask.workspaceId, dueAt);
    }
  }

  /** Makes an overdue open ask's one reminder, delivered in the recipient's next slot (a job's work). */
  async remind(tx: Executor, askId: string, now: number): Promise<void> {
    const [ask] = await repo.findAsksByIds(tx, [askId]);
    if (!ask || ask.state !== 'open' || ask.dueAt === null || ask.dueAt > now) return;
    if (!(await repo.markReminded(tx, ask.id, now))) return;
    const profile = (await this.rhythms.deliveryProfiles([ask.personId], tx)).get(ask.personId)!;
    const releaseAt = planRelease(profile, now);
    const isNow = releaseAt !== null && releaseAt <= now;
    const row: DeliveryRow = {
      id: newId(now),
      workspaceId: ask.workspaceId,
      personId: ask.personId,
      postId: ask.postId,
      threadId: ask.threadId,
      channelId: ask.channelId,
      authorId: ask.askerId,
      kind: 'reminder',
      askId: ask.id,
      state: isNow ? 'delivered' : 'held',
      releaseAt,
      heldReason: releaseAt === null ? noSlotReason : null,
      interruptReason: null,
      isEmergency: 0,
      deliveredAt: isNow ? now : null,
      doneAt: null,
      snoozedUntil: null,
      createdAt: now,
    };
    await repo.insertDeliveries(tx, [row]);
    await this.scheduleReleases(tx, [row]);
    await this.publishDelivered(tx, isNow ? [row] : []);
  }

  /**
   * Makes one `reminder` delivery of a post for one person, released in their next slot (at once when now
   * is one), never an interrupt: for other modules' reminders (a decision's undecided participants).
   */
  async remindOfPost(
    tx: Executor,
    post: Pick<DeliveryRow, 'workspaceId' | 'personId' | 'postId' | 'threadId' | 'channelId' | 'authorId'>,
    now: number,
  ): Promise<void> {
    const profile = (await this.rhythms.deliveryProfiles([post.personId], tx)).get(post.personId)!;
    const releaseAt = planRelease(profile, now);
    const isNow = releaseAt !== null && releaseAt <= now;
    const row: DeliveryRow = {
      ...post,
      id: newId(now),
      kind: 'reminder',
      askId: null,
      state: isNow ? 'delivered' : 'held',
      releaseAt,
      heldReason: releaseAt === null ? noSlotReason : null,
      interruptReason: null,
      isEmergency: 0,
      deliveredAt: isNow ? now : null,
      doneAt: null,
      snoozedUntil: null,
      createdAt: now,
    };
    await repo.insertDeliveries(tx, [row]);
    await this.scheduleReleases(tx, [row]);
    await this.publishDelivered(tx, isNow ? [row] : []);
  }

  /**
   * Re-plans a person's held deliveries after a change of their rhythm, focus blocks, time off or
   * preference: all of them are released at the person's next slot from now (at once when that is now).
   */
  async replan(personId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const held = await repo.listHeld(tx, personId);
      if (held.length === 0) return;
      const now = this.clock.now();
      const profile = (await this.rhythms.deliveryProfiles([personId], tx)).get(personId)!;
      const releaseAt = planRelease(profile, now);
      const workspaces = new Set(held.map((d) => d.workspaceId));
      for (const d of held) {
        if (d.releaseAt === null || d.releaseAt === releaseAt) continue;
        await this.jobs.cancel(tx, {
          kind: releaseJobKind,
          subjectId: releaseSubject(d.workspaceId, personId, d.releaseAt),
        });
      }
      await repo.replanHeld(tx, personId, releaseAt, releaseAt === null ? noSlotReason : null);
      if (releaseAt !== null && releaseAt <= now) {
        for (const workspaceId of workspaces) await this.release(tx, workspaceId, personId, now);
        return;
      }
      const moved = held.map((d) => ({ ...d, releaseAt }));
      await this.scheduleReleases(tx, moved);
    });
  }

  /** Cancels an ask's pending reminder (the ask was closed). */
  async cancelReminder(tx: Executor, askId: string): Promise<void> {
    await this.jobs.cancel(tx, { kind: remindJobKind, subjectId: askId });
  }
}
