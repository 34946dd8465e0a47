import { assertAllowed } from '../access/index.js';
import type { AgreementService } from '../agreements/index.js';
import { assertPeopleCanSeeChannel } from '../channels/index.js';
import type { PostService } from '../posts/index.js';
import type { RhythmService } from '../rhythms/index.js';
import { loadVisibleThread } from '../threads/index.js';
import { findMembership } from '../workspaces/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { MeetingInviteeRow, MeetingRow } from '../../shared/database.js';
import type { EventPublisher } from '../../shared/event-publisher.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { newId } from '../../shared/new-id.js';
import { checkNotice, isInsideSyncTime, isLateChange } from './meeting.domain.js';
import type { NoticeCheck } from './meeting.domain.js';
import {
  InvalidInvitee,
  InvalidMeetingField,
  MeetingNotChangeable,
  MeetingNotFound,
  NoticeTooShort,
  ReasonRequired,
} from './meeting.errors.js';
import * as repo from './meeting.repository.js';
import type { Executor } from './meeting.repository.js';
import { meetingPost } from './meeting-post.js';

/** The job that prompts the organiser, once the meeting is over, to post notes into the agenda thread. */
export const notesPromptJobKind = 'meeting.notes-prompt';

/** A meeting as the API shows it. */
export interface MeetingView {
  id: string;
  title: string;
  organiserId: string;
  agendaThreadId: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  isOutsideSyncWindow: boolean;
  outsideWindowReason: string | null;
  state: MeetingRow['state'];
  /** Moves and cancellations made inside the notice (shown to everyone as late). */
  lateChanges: number;
  requestedAt: string;
  notesPromptedAt: string | null;
  invitees: { personId: string; response: MeetingInviteeRow['response']; respondedAt: string | null }[];
}

/** A new meeting request. */
export interface MeetingRequest {
  title: string;
  agendaThreadId: string;
  invitees: string[];
  startsAt: number;
  durationMinutes: number;
  outsideWindowReason?: string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();
const minuteMs = 60_000;
const dayMs = 86_400_000;
/** The longest range a meeting list covers, in days. */
const maxListDays = 62;
/** The most meetings one list returns. */
const maxListed = 500;

function toView(meeting: MeetingRow, invitees: readonly MeetingInviteeRow[]): MeetingView {
  return {
    id: meeting.id,
    title: meeting.title,
    organiserId: meeting.organiserId,
    agendaThreadId: meeting.agendaThreadId,
    startsAt: iso(meeting.startsAt),
    endsAt: iso(meeting.endsAt),
    durationMinutes: Math.round((meeting.endsAt - meeting.startsAt) / minuteMs),
    isOutsideSyncWindow: meeting.outsideWindowReason !== null,
    outsideWindowReason: meeting.outsideWindowReason,
    state: meeting.state,
    lateChanges: meeting.lateChanges,
    requestedAt: iso(meeting.requestedAt),
    notesPromptedAt: meeting.notesPromptedAt === null ? null : iso(meeting.notesPromptedAt),
    invitees: invitees
      .filter((i) => i.meetingId === meeting.id)
      .map((i) => ({
        personId: i.personId,
        response: i.response,
        respondedAt: i.respondedAt === null ? null : iso(i.respondedAt),
      })),
  };
}

/**
 * Meetings (PRODUCT.md "Sync time"): requests with invitees, a duration and an agenda thread, inside a sync
 * window or with a written reason, giving each invitee the agreement's notice in their own working time.
 * Requests, moves and cancellations are posted into the agenda thread, so they reach invitees through the
 * delivery engine in their own slots (never as an interrupt).
 */
export class MeetingService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly agreements: Pick<AgreementService, 'currentAgreement'>,
    private readonly posts: Pick<PostService, 'replyIn'>,
    private readonly jobs: JobQueue<Executor>,
    private readonly events: EventPublisher<Executor>,
  ) {}

  /** Registers the notes prompt on the job queue. */
  registerJobs(): void {
    this.jobs.handle(notesPromptJobKind, async (job, { tx, now }) => {
      const meeting = await repo.findMeetingById(tx, job.subjectId);
      if (!meeting || meeting.state !== 'scheduled' || meeting.notesPromptedAt !== null) return;
      if (meeting.endsAt > now) return; // moved later meanwhile: its own job follows
      await repo.updateMeeting(tx, meeting.id, { notesPromptedAt: now });
      await this.events.publish(tx, {
        workspaceId: meeting.workspaceId,
        personId: meeting.organiserId,
        type: 'meeting.notes-due',
        payload: { meetingId: meeting.id, agendaThreadId: meeting.agendaThreadId, title: meeting.title },
      });
    });
  }

  /** Each invitee's earliest allowed start if the request were made now. */
  async notice(caller: Caller, invitees: readonly string[]): Promise<NoticeCheck & { noticeHours: number }> {
    assertAllowed(caller, 'meeting.request');
    // Only members of my workspace: another workspace's rhythms are not mine to read.
    for (const personId of new Set(invitees)) {
      const membership = await findMembership(this.db, caller.workspaceId, personId);
      if (!membership || membership.deactivatedAt !== null)
        throw new InvalidInvitee(
          'every invitee must be an active member of your workspace',
          'query.invitees',
        );
    }
    const now = this.clock.now();
    const { meetingNoticeHours } = await this.agreements.currentAgreement(caller.workspaceId);
    const profiles = await this.profilesOf(invitees);
    return { ...checkNotice(profiles, now, now, meetingNoticeHours), noticeHours: meetingNoticeHours };
  }

  private async profilesOf(personIds: readonly string[], db: Executor = this.db) {
    const profiles = await this.rhythms.deliveryProfiles([...personIds], db);
    return personIds.map((personId) => ({ personId, present: profiles.get(personId)!.present }));
  }

  /** Refuses a time that breaks the notice or lies outside sync time without a reason. */
  private async checkTime(
    tx: Executor,
    caller: Caller,
    invitees: readonly string[],
    startsAt: number,
    endsAt: number,
    reason: string | undefined,
  ): Promise<string | null> {
    const agreement = await this.agreements.currentAgreement(caller.workspaceId, undefined, tx);
    const check = checkNotice(
      await this.profilesOf(invitees, tx),
      this.clock.now(),
      startsAt,
      agreement.meetingNoticeHours,
    );
    if (!check.isSatisfied) throw new NoticeTooShort(check.earliestStart, agreement.meetingNoticeHours);
    if (isInsideSyncTime(agreement.syncWindows, agreement.meetingDays ?? [], startsAt, endsAt)) return null;
    if (reason === undefined) throw new ReasonRequired();
    return reason;
  }

  /** Requests a meeting; the request is posted into the agenda thread for the invitees. */
  async request(caller: Caller, input: MeetingRequest): Promise<MeetingView> {
    assertAllowed(caller, 'meeting.request');
    const invitees = [...new Set(input.invitees)].filter((id) => id !== caller.personId);
    if (invitees.length === 0) throw new InvalidInvitee('name at least one invitee other than yourself');
    const startsAt = input.startsAt;
    const endsAt = startsAt + input.durationMinutes * minuteMs;
    return this.db.transaction().execute(async (tx) => {
      const { channel } = await loadVisibleThread(tx, caller, input.agendaThreadId);
      await assertPeopleCanSeeChannel(tx, caller, channel, invitees, 'body.invitees');
      const reason = await this.checkTime(tx, caller, invitees, startsAt, endsAt, input.outsideWindowReason);
      const now = this.clock.now();
      const meeting: MeetingRow = {
        id: newId(now),
        workspaceId: caller.workspaceId,
        organiserId: caller.personId,
        agendaThreadId: input.agendaThreadId,
        title: input.title,
        startsAt,
        endsAt,
        outsideWindowReason: reason,
        state: 'scheduled',
        lateChanges: 0,
        requestedAt: now,
        updatedAt: now,
        notesPromptedAt: null,
      };
      const rows = invitees.map((personId) => ({
        meetingId: meeting.id,
        personId,
        response: 'pending' as const,
        respondedAt: null,
      }));
      await repo.insertMeeting(tx, meeting, rows);
      await this.jobs.schedule(tx, {
        kind: notesPromptJobKind,
        subjectId: meeting.id,
        workspaceId: caller.workspaceId,
        dueAt: endsAt,
      });
      await this.posts.replyIn(tx, caller, input.agendaThreadId, {
        markdown: meetingPost('requested', meeting),
        mentions: invitees,
      });
      return toView(meeting, rows);
    });
  }

  private async load(tx: Executor, caller: Caller, id: string) {
    const meeting = await repo.findMeeting(tx, caller.workspaceId, id);
    if (!meeting) throw new MeetingNotFound();
    const invitees = await repo.listInvitees(tx, [id]);
    const isInvitee = invitees.some((i) => i.personId === caller.personId);
    return { meeting, invitees, target: { authorId: meeting.organiserId, isInvitee } };
  }

  /** A meeting I organise or am invited to (admins see every meeting). */
  async get(caller: Caller, id: string): Promise<MeetingView> {
    const { meeting, invitees, target } = await this.load(this.db, caller, id);
    assertAllowed(caller, 'meeting.read', target, 'meeting');
    return toView(meeting, invitees);
  }

  /** My scheduled meetings ending after `from` (default now) and starting before `to` (at most 62 days on). */
  async list(
    caller: Caller,
    query: { from?: number | undefined; to?: number | undefined },
  ): Promise<MeetingView[]> {
    const from = query.from ?? this.clock.now();
    const to = query.to ?? from + maxListDays * dayMs;
    if (to <= from) throw new InvalidMeetingField('query.to', 'must be after `from`');
    if (to - from > maxListDays * dayMs)
      throw new InvalidMeetingField('query.to', `at most ${maxListDays} days after \`from\``);
    const range = { from, to, limit: maxListed };
    const meetings = await repo.listMeetingsOf(this.db, caller.workspaceId, caller.personId, range);
    const invitees = await repo.listInvitees(
      this.db,
      meetings.map((m) => m.id),
    );
    return meetings.map((m) => toView(m, invitees));
  }

  private async change(
    caller: Caller,
    id: string,
    apply: (
      tx: Executor,
      meeting: MeetingRow,
      invitees: MeetingInviteeRow[],
      isLate: boolean,
    ) => Promise<MeetingRow>,
  ): Promise<MeetingView> {
    return this.db.transaction().execute(async (tx) => {
      const { meeting, invitees, target } = await this.load(tx, caller, id);
      assertAllowed(caller, 'meeting.change', target, 'meeting');
      const now = this.clock.now();
      if (meeting.state === 'cancelled') throw new MeetingNotChangeable('The meeting was cancelled.');
      if (meeting.startsAt <= now) throw new MeetingNotChangeable('The meeting has started already.');
      const { meetingNoticeHours } = await this.agreements.currentAgreement(
        caller.workspaceId,
        undefined,
        tx,
      );
      const profiles = await this.profilesOf(
        invitees.map((i) => i.personId),
        tx,
      );
      const isLate = isLateChange(profiles, now, meeting.startsAt, meetingNoticeHours);
      const changed = await apply(tx, meeting, invitees, isLate);
      return toView(changed, invitees);
    });
  }

  /** Moves a meeting; the new time follows the same rules as a request, and a move inside the notice is late. */
  async move(
    caller: Caller,
    id: string,
    input: {
      startsAt: number;
      durationMinutes?: number | undefined;
      outsideWindowReason?: string | undefined;
    },
  ): Promise<MeetingView> {
    return this.change(caller, id, async (tx, meeting, invitees, isLate) => {
      const startsAt = input.startsAt;
      const endsAt =
        startsAt +
        (input.durationMinutes === undefined
          ? meeting.endsAt - meeting.startsAt
          : input.durationMinutes * minuteMs);
      const reason = await this.checkTime(
        tx,
        caller,
        invitees.map((i) => i.personId),
        startsAt,
        endsAt,
        input.outsideWindowReason,
      );
      const now = this.clock.now();
      const moved: MeetingRow = {
        ...meeting,
        startsAt,
        endsAt,
        outsideWindowReason: reason,
        updatedAt: now,
        lateChanges: meeting.lateChanges + (isLate ? 1 : 0),
      };
      await repo.updateMeeting(tx, id, {
        startsAt,
        endsAt,
        outsideWindowReason: reason,
        updatedAt: now,
        lateChanges: moved.lateChanges,
      });
      if (isLate)
        await repo.insertLateChange(tx, {
          id: newId(now),
          workspaceId: meeting.workspaceId,
          meetingId: id,
          kind: 'moved',
          at: now,
        });
      await this.jobs.schedule(tx, {
        kind: notesPromptJobKind,
        subjectId: id,
        workspaceId: meeting.workspaceId,
        dueAt: endsAt,
      });
      await this.posts.replyIn(tx, caller, meeting.agendaThreadId, {
        markdown: meetingPost(isLate ? 'moved-late' : 'moved', moved),
        mentions: invitees.map((i) => i.personId),
      });
      return moved;
    });
  }

  /** Cancels a meeting; a cancellation inside the notice is late. */
  async cancel(caller: Caller, id: string): Promise<MeetingView> {
    return this.change(caller, id, async (tx, meeting, invitees, isLate) => {
      const now = this.clock.now();
      const cancelled: MeetingRow = {
        ...meeting,
        state: 'cancelled',
        updatedAt: now,
        lateChanges: meeting.lateChanges + (isLate ? 1 : 0),
      };
      await repo.updateMeeting(tx, id, {
        state: 'cancelled',
        updatedAt: now,
        lateChanges: cancelled.lateChanges,
      });
      if (isLate)
        await repo.insertLateChange(tx, {
          id: newId(now),
          workspaceId: meeting.workspaceId,
          meetingId: id,
          kind: 'cancelled',
          at: now,
        });
      await this.jobs.cancel(tx, { kind: notesPromptJobKind, subjectId: id });
      await this.posts.replyIn(tx, caller, meeting.agendaThreadId, {
        markdown: meetingPost(isLate ? 'cancelled-late' : 'cancelled', cancelled),
        mentions: invitees.map((i) => i.personId),
      });
      return cancelled;
    });
  }

  /** My answer to a meeting I am invited to. */
  async respond(caller: Caller, id: string, response: 'yes' | 'no' | 'maybe'): Promise<MeetingView> {
    return this.db.transaction().execute(async (tx) => {
      const { meeting, invitees, target } = await this.load(tx, caller, id);
      assertAllowed(caller, 'meeting.respond', target, 'meeting');
      if (meeting.state === 'cancelled') throw new MeetingNotChangeable('The meeting was cancelled.');
      const now = this.clock.now();
      await repo.setResponse(tx, id, caller.personId, response, now);
      const updated = invitees.map((i) =>
        i.personId === caller.personId ? { ...i, response, respondedAt: now } : i,
      );
      return toView(meeting, updated);
    });
  }

  /**
   * Late moves and cancellations of a workspace in `[from, to)`: team-level counts for insights (no
   * person is named). For the insights module; no caller.
   */
  async lateChangeCounts(
    workspaceId: string,
    from: number,
    to: number,
  ): Promise<{ moved: number; cancelled: number }> {
    const rows = await repo.countLateChanges(this.db, workspaceId, from, to);
    return {
      moved: rows.find((r) => r.kind === 'moved')?.count ?? 0,
      cancelled: rows.find((r) => r.kind === 'cancelled')?.count ?? 0,
    };
  }

  /** Scheduled meetings of a person in a workspace over a range (for the calendar feed; no caller). */
  async meetingsOf(workspaceId: string, personId: string, from: number, to: number): Promise<MeetingView[]> {
    const meetings = await repo.listMeetingsOf(this.db, workspaceId, personId, { from, to, limit: 1000 });
    const invitees = await repo.listInvitees(
      this.db,
      meetings.map((m) => m.id),
    );
    return meetings.map((m) => toView(m, invitees));
  }
}
