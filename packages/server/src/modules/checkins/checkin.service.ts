import { toLocal } from '@meanwhile/time';
import { assertParticipation } from '../access/index.js';
import type { ParticipationAction } from '../access/index.js';
import { assertPeopleCanSeeChannel, loadVisibleChannel } from '../channels/index.js';
import { planRelease } from '../deliveries/index.js';
import type { CheckinDelivery } from '../deliveries/index.js';
import type { DeliveryProfile, RhythmService } from '../rhythms/index.js';
import { loadVisibleThread } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { CheckinAskRow, CheckinRow, DeliveryRow } from '../../shared/database.js';
import { DomainError } from '../../shared/domain-error.js';
import type { EventPublisher } from '../../shared/event-publisher.js';
import type { ClaimedJob, JobQueue } from '../../shared/job-queue.js';
import { newId } from '../../shared/new-id.js';
import {
  isAskDay,
  minutesOf,
  nextAskAt,
  roundCloseAt,
  summarizeRound,
  weekdayOfDate,
} from './checkin.domain.js';
import type { CheckinQuestion, CheckinWeekday } from './checkin.domain.js';
import {
  CheckinNotAsked,
  CheckinNotFound,
  CheckinRoundClosed,
  InvalidCheckinField,
} from './checkin.errors.js';
import * as repo from './checkin.repository.js';
import type { Executor } from './checkin.repository.js';
import { toAskView, toCheckinView } from './checkin-view.js';
import type { AskView, CheckinView } from './checkin-view.js';

/** Asks one participant (subject `checkinId:personId`); reschedules itself for the next chosen day. */
export const askJobKind = 'checkin.ask';
/** Delivers a held ask at the participant's next slot (subject the ask id). */
export const deliverJobKind = 'checkin.deliver';
/** Closes one round and posts its summary (subject `checkinId:YYYY-MM-DD`). */
export const closeJobKind = 'checkin.close';

/** What opening a check-in takes. */
export interface OpenCheckin {
  threadId: string;
  title?: string | undefined;
  questions: CheckinQuestion[];
  weekdays: CheckinWeekday[];
  localTime: string;
  participantIds: string[];
}

/** Posts into a thread inside a transaction (the posts module's `replyIn`). */
export interface ThreadPoster {
  replyIn(
    tx: Executor,
    caller: Caller,
    threadId: string,
    input: { markdown: string },
  ): Promise<{ id: string }>;
}

/** The inbox items of check-in asks (the deliveries module's `CheckinDeliveries`). */
export interface CheckinInbox {
  deliver(tx: Executor, input: CheckinDelivery): Promise<unknown>;
  find(db: Executor, askId: string): Promise<DeliveryRow | undefined>;
  releaseIfDue(tx: Executor, delivery: DeliveryRow, now: number): Promise<boolean>;
  close(tx: Executor, askIds: readonly string[], now: number): Promise<void>;
}

/** Told, in the closing transaction, that a round closed (digests schedule its summary from it). */
export type RoundClosedListener = (
  tx: Executor,
  round: { workspaceId: string; checkinId: string; personIds: readonly string[]; closedAt: number },
) => Promise<void>;

/**
 * Check-ins: each participant is asked at a local time of their own day on the chosen weekdays (skipped on
 * time off and on days without working hours), exactly once per local date (a unique key on the ask), the
 * ask landing in their next delivery slot (never an interrupt); each round closes when everyone had a day,
 * and its answers are posted into the check-in's thread with team figures only.
 */
export class CheckinService {
  readonly #roundClosedListeners: RoundClosedListener[] = [];

  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly jobs: JobQueue<Executor>,
    private readonly events: EventPublisher<Executor>,
    private readonly poster: ThreadPoster,
    /** Makes each ask an inbox item (kind `checkin`), done when answered or when its round closes. */
    private readonly inbox?: CheckinInbox,
  ) {}

  /** Adds a listener told of every round closed with at least one ask, in its transaction. */
  onRoundClosed(listener: RoundClosedListener): void {
    this.#roundClosedListeners.push(listener);
  }

  /** Registers the ask, deliver and close jobs. */
  registerJobs(): void {
    this.jobs.handle(askJobKind, (job, { tx, now }) => this.ask(tx, job, now));
    this.jobs.handle(deliverJobKind, (job, { tx, now }) => this.deliver(tx, job.subjectId, now));
    this.jobs.handle(closeJobKind, (job, { tx, now }) => this.close(tx, job.subjectId, now));
  }

  async open(caller: Caller, input: OpenCheckin): Promise<CheckinView> {
    return this.db.transaction().execute(async (tx) => {
      const { thread, channel } = await loadVisibleThread(tx, caller, input.threadId);
      assertParticipation(caller, 'checkin.open', { channel: channel.facts, isParticipant: true }, 'thread');
      const participantIds = [...new Set(input.participantIds)].sort();
      await assertPeopleCanSeeChannel(tx, caller, channel, participantIds, 'body.participantIds');
      const now = this.clock.now();
      const row: CheckinRow = {
        id: newId(now),
        workspaceId: caller.workspaceId,
        channelId: channel.channel.id,
        threadId: thread.id,
        title: input.title ?? thread.title,
        questions: JSON.stringify(input.questions),
        weekdays: JSON.stringify([...new Set(input.weekdays)]),
        localTime: input.localTime,
        createdBy: caller.personId,
        createdAt: now,
      };
      await repo.insertCheckin(tx, row, participantIds);
      const profiles = await this.rhythms.deliveryProfiles(participantIds, tx);
      for (const personId of participantIds)
        await this.scheduleNextAsk(tx, row, personId, profiles.get(personId)!, now);
      return toCheckinView(row, participantIds, caller.personId, []);
    });
  }

  async get(caller: Caller, checkinId: string): Promise<CheckinView> {
    const { row, participantIds } = await this.load(this.db, caller, checkinId, 'checkin.read');
    return toCheckinView(row, participantIds, caller.personId, await repo.listRounds(this.db, row.id));
  }

  /** The caller's delivered questions of rounds still open. */
  async myAsks(caller: Caller): Promise<{ items: AskView[] }> {
    const rows = await repo.listOpenAsks(this.db, caller.workspaceId, caller.personId);
    return { items: rows.map((r) => toAskView(r, r.title, JSON.parse(r.questions) as CheckinQuestion[])) };
  }

  /** Answers (or re-answers) the caller's question of a date (the latest asked by default) until its round closes. */
  async answer(caller: Caller, checkinId: string, input: { answers: string[]; date?: string | undefined }) {
    return this.db.transaction().execute(async (tx) => {
      const { row } = await this.load(tx, caller, checkinId, 'checkin.answer');
      const questions = JSON.parse(row.questions) as CheckinQuestion[];
      if (input.answers.length !== questions.length)
        throw new InvalidCheckinField(
          'body.answers',
          `must have ${questions.length} answers, one per question`,
        );
      const asks = await repo.listAsksOf(tx, row.id, caller.personId);
      const ask = input.date === undefined ? asks[0] : asks.find((a) => a.localDate === input.date);
      if (!ask) throw new CheckinNotAsked();
      if (await repo.findRound(tx, row.id, ask.localDate)) throw new CheckinRoundClosed(ask.localDate);
      const now = this.clock.now();
      const answers = JSON.stringify(input.answers);
      await repo.saveAnswers(tx, ask.id, answers, now);
      await this.inbox?.close(tx, [ask.id], now);
      return toAskView({ ...ask, state: 'answered', answers, answeredAt: now }, row.title, questions);
    });
  }

  /**
   * The ask job's work: asks the participant for the local date of the job's due time (once: the unique key
   * turns a second run into nothing), unless that day is off or has no working hours, then schedules the
   * next ask and the round's close.
   */
  async ask(tx: Executor, job: Pick<ClaimedJob, 'subjectId' | 'dueAt'>, now: number): Promise<void> {
    const [checkinId, personId] = job.subjectId.split(':') as [string, string];
    const row = await repo.findCheckin(tx, checkinId);
    if (!row) return;
    const participantIds = await repo.listParticipantIds(tx, checkinId);
    if (!participantIds.includes(personId)) return;
    const profiles = await this.rhythms.deliveryProfiles(participantIds, tx);
    const profile = profiles.get(personId)!;
    const date = toLocal(profile.timeZone, job.dueAt).date;
    const weekdays = JSON.parse(row.weekdays) as CheckinWeekday[];
    if (weekdays.includes(weekdayOfDate(date)) && isAskDay(profile, date)) {
      const askedAt = Math.max(now, job.dueAt);
      const releaseAt = planRelease(profile, askedAt);
      const isNow = releaseAt !== null && releaseAt <= now;
      const ask: CheckinAskRow = {
        id: newId(now),
        workspaceId: row.workspaceId,
        checkinId,
        personId,
        localDate: date,
        askedAt,
        releaseAt,
        state: isNow ? 'asked' : 'held',
        answers: null,
        deliveredAt: isNow ? now : null,
        answeredAt: null,
      };
      if (await repo.insertAskOnce(tx, ask)) {
        await this.inbox?.deliver(tx, {
          askId: ask.id,
          workspaceId: row.workspaceId,
          personId,
          threadId: row.threadId,
          channelId: row.channelId,
          authorId: row.createdBy,
          releaseAt,
        });
        if (isNow) await this.publishAsked(tx, ask, row);
        else if (releaseAt !== null)
          await this.jobs.schedule(tx, {
            kind: deliverJobKind,
            subjectId: ask.id,
            workspaceId: row.workspaceId,
            dueAt: releaseAt,
          });
        const zones = participantIds.map((id) => profiles.get(id)!.timeZone);
        await this.jobs.schedule(tx, {
          kind: closeJobKind,
          subjectId: `${checkinId}:${date}`,
          workspaceId: row.workspaceId,
          dueAt: roundCloseAt(zones, date, minutesOf(row.localTime)),
        });
      }
    }
    await this.scheduleNextAsk(tx, row, personId, profile, Math.max(now, job.dueAt));
  }

  /**
   * The deliver job's work: a held ask reaches its participant at their slot, with its inbox item. When a
   * change of their rhythm moved the inbox item to a later slot, the ask follows it there.
   */
  async deliver(tx: Executor, askId: string, now: number): Promise<void> {
    const ask = await repo.findAsk(tx, askId);
    if (!ask || ask.state !== 'held' || (ask.releaseAt ?? Infinity) > now) return;
    const delivery = await this.inbox?.find(tx, ask.id);
    if (delivery && this.inbox && !(await this.inbox.releaseIfDue(tx, delivery, now))) {
      if (delivery.releaseAt !== null)
        await this.jobs.schedule(tx, {
          kind: deliverJobKind,
          subjectId: ask.id,
          workspaceId: ask.workspaceId,
          dueAt: delivery.releaseAt,
        });
      return;
    }
    if (!(await repo.markAsked(tx, ask.id, now))) return;
    const row = await repo.findCheckin(tx, ask.checkinId);
    if (row) await this.publishAsked(tx, { ...ask, state: 'asked', deliveredAt: now }, row);
  }

  /** The close job's work: records the round's team figures and posts its summary into the thread, once. */
  async close(tx: Executor, subjectId: string, now: number): Promise<void> {
    const [checkinId, date] = subjectId.split(':') as [string, string];
    const row = await repo.findCheckin(tx, checkinId);
    if (!row) return;
    const asks = await repo.listRoundAsks(tx, checkinId, date);
    const answered = asks.filter((a) => a.state === 'answered');
    const claimed = await repo.claimRound(tx, {
      checkinId,
      localDate: date,
      asked: asks.length,
      answered: answered.length,
      postId: null,
      closedAt: now,
    });
    if (!claimed || asks.length === 0) return;
    // The round is over: its questions leave the inboxes of those who did not answer.
    await this.inbox?.close(
      tx,
      asks.map((a) => a.id),
      now,
    );
    const personIds = await repo.listParticipantIds(tx, checkinId);
    for (const listener of this.#roundClosedListeners)
      await listener(tx, { workspaceId: row.workspaceId, checkinId, personIds, closedAt: now });
    const questions = JSON.parse(row.questions) as CheckinQuestion[];
    const markdown = summarizeRound(
      row.title,
      date,
      questions,
      answered.map((a) => JSON.parse(a.answers ?? '[]') as string[]),
      asks.length,
    );
    // Posted as the check-in's creator (who opened it in this thread); the role only matters for emergencies.
    const author: Caller = {
      personId: row.createdBy,
      workspaceId: row.workspaceId,
      role: 'member',
      via: 'token',
      scope: 'read-write',
      credentialId: `checkin:${row.id}`,
    };
    try {
      const post = await this.poster.replyIn(tx, author, row.threadId, { markdown });
      await repo.setRoundPost(tx, checkinId, date, post.id);
    } catch (error) {
      // The creator can no longer post there (left the channel, deactivated): the figures stay recorded.
      if (!(error instanceof DomainError)) throw error;
    }
  }

  private async scheduleNextAsk(
    tx: Executor,
    row: CheckinRow,
    personId: string,
    profile: DeliveryProfile,
    after: number,
  ) {
    const next = nextAskAt(
      profile.timeZone,
      JSON.parse(row.weekdays) as CheckinWeekday[],
      minutesOf(row.localTime),
      after,
    );
    if (next === null) return;
    await this.jobs.schedule(tx, {
      kind: askJobKind,
      subjectId: `${row.id}:${personId}`,
      workspaceId: row.workspaceId,
      dueAt: next.at,
    });
  }

  private async publishAsked(tx: Executor, ask: CheckinAskRow, row: CheckinRow): Promise<void> {
    await this.events.publish(tx, {
      workspaceId: ask.workspaceId,
      personId: ask.personId,
      type: 'checkin.asked',
      payload: {
        checkinId: row.id,
        askId: ask.id,
        date: ask.localDate,
        title: row.title,
        threadId: row.threadId,
      },
    });
  }

  private async load(db: Executor, caller: Caller, checkinId: string, action: ParticipationAction) {
    const row = await repo.findCheckin(db, checkinId, caller.workspaceId);
    if (!row) throw new CheckinNotFound();
    const channel = await loadVisibleChannel(db, caller, row.channelId).catch(() => {
      throw new CheckinNotFound();
    });
    const participantIds = await repo.listParticipantIds(db, row.id);
    assertParticipation(
      caller,
      action,
      { channel: channel.facts, isParticipant: participantIds.includes(caller.personId) },
      'check-in',
    );
    return { row, participantIds };
  }
}
