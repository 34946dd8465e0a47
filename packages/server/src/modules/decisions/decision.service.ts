import { assertDecisionAllowed } from '../access/index.js';
import { assertPeopleCanSeeChannel, listReadableChannelIds } from '../channels/index.js';
import type { VisibleChannel } from '../channels/index.js';
import type { AgreementService } from '../agreements/index.js';
import type { DeliveryService } from '../deliveries/index.js';
import { findPeopleByIds } from '../people/index.js';
import type { PostService } from '../posts/index.js';
import type { RhythmService } from '../rhythms/index.js';
import { loadVisibleThread } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { DecisionParticipantRow, DecisionResponseRow, DecisionRow } from '../../shared/database.js';
import { DomainError } from '../../shared/domain-error.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { newId } from '../../shared/new-id.js';
import { decideOutcome, fairClose, haveAllRequiredResponded } from './decision.domain.js';
import type { Outcome } from './decision.domain.js';
import {
  DeadlineTooEarly,
  DecisionClosed,
  DecisionNotFound,
  DecisionResponsesMissing,
  InvalidDecisionField,
  NoTie,
} from './decision.errors.js';
import { toCsv, toMarkdown } from './decision-export.js';
import { openDecisionFromIdea } from './decision-from-idea.js';
import type { IdeaForDecision } from './decision-from-idea.js';
import type { LogEntry } from './decision-export.js';
import { closingMarkdown, openingMarkdown } from './decision-posts.js';
import * as repo from './decision.repository.js';
import type { Executor } from './decision.repository.js';
import { outcomeText, toDecisionView } from './decision-view.js';
import type { DecisionView, ViewContext } from './decision-view.js';

/** The job that closes a decision at its close instant; subject the decision id. */
export const closeJobKind = 'decision.close';
/** The job that makes a required participant's one reminder; subject `decisionId:personId`. */
export const remindJobKind = 'decision.remind';
/** The most entries one export holds. */
export const maxExported = 5_000;

/** What opening a decision takes. */
export interface OpenDecision {
  question: string;
  mode: 'consent' | 'vote';
  options?: string[] | undefined;
  deciderId?: string | undefined;
  requiredIds: string[];
  optionalIds?: string[] | undefined;
  windowHours?: number | undefined;
  closesAt?: number | undefined;
  hideVotesUntilClose?: boolean | undefined;
}

/** A response: consent, a block with its reason, or a vote for an option. */
export interface ResponseInput {
  kind: 'consent' | 'block' | 'vote';
  option?: number | undefined;
  reason?: string | undefined;
}

/** The log's filters. */
export interface LogFilter {
  q?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

interface Loaded {
  decision: DecisionRow;
  channel: VisibleChannel;
  participants: DecisionParticipantRow[];
  responses: DecisionResponseRow[];
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Decisions: opened in a thread with a fair close over the required participants' own working time,
 * answered by consent, block or vote, reminded once at 75% of each one's window, closed by the scheduler
 * (or early by the decider once all required have responded), and kept in the decision log.
 */
export class DecisionService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly agreements: Pick<AgreementService, 'currentAgreement'>,
    private readonly posts: Pick<PostService, 'replyIn' | 'startThreadIn'>,
    private readonly deliveries: Pick<DeliveryService, 'remindOfPost'>,
    private readonly jobs: JobQueue<Executor>,
  ) {}

  /** Registers the close and reminder jobs. */
  registerJobs(): void {
    this.jobs.handle(closeJobKind, (job, { tx, now }) => this.closeDue(tx, job.subjectId, now));
    this.jobs.handle(remindJobKind, (job, { tx, now }) => {
      const [decisionId, personId] = job.subjectId.split(':');
      return this.remindDue(tx, decisionId!, personId!, now);
    });
  }

  /** Opens a decision in a thread: posts it there (mentioning the participants) and plans its close. */
  async open(caller: Caller, threadId: string, input: OpenDecision): Promise<DecisionView> {
    const id = await this.db.transaction().execute((tx) => this.openIn(tx, caller, threadId, input));
    return this.get(caller, id);
  }

  /**
   * Opens a consent decision from a revealed idea, in the promoting transaction (the ideation module's
   * `DecisionOpener` hook; see {@link openDecisionFromIdea}).
   */
  async openFromIdea(tx: Executor, caller: Caller, idea: IdeaForDecision) {
    return openDecisionFromIdea(
      {
        posts: this.posts,
        rhythms: this.rhythms,
        now: this.clock.now(),
        open: (threadId, input) => this.openIn(tx, caller, threadId, input),
      },
      tx,
      caller,
      idea,
    );
  }

  /** {@link open} inside the caller's transaction; the new decision's id. */
  async openIn(tx: Executor, caller: Caller, threadId: string, input: OpenDecision): Promise<string> {
    const { channel } = await loadVisibleThread(tx, caller, threadId);
    assertDecisionAllowed(caller, 'decision.open', {
      channel: channel.facts,
      isParticipant: false,
      isDecider: false,
    });
    const now = this.clock.now();
    const { requiredIds, optionalIds, deciderId, options } = this.validate(caller, input);
    const everyone = unique([...requiredIds, ...optionalIds, deciderId]);
    await assertPeopleCanSeeChannel(tx, caller, channel, requiredIds, 'body.requiredIds');
    await assertPeopleCanSeeChannel(tx, caller, channel, optionalIds, 'body.optionalIds');
    await assertPeopleCanSeeChannel(tx, caller, channel, [deciderId], 'body.deciderId');
    const windowHours =
      input.windowHours ??
      (await this.agreements.currentAgreement(caller.workspaceId, channel.channel.id, tx))
        .decisionWindowHours;
    const profiles = await this.rhythms.deliveryProfiles(everyone, tx);
    const fair = fairClose(
      requiredIds.map((personId) => ({ personId, present: profiles.get(personId)!.present })),
      now,
      windowHours,
    );
    if ('withoutTime' in fair) {
      const i = requiredIds.indexOf(fair.withoutTime[0]!);
      throw new InvalidDecisionField(`body.requiredIds.${i}`, 'has no working time within 400 days');
    }
    if (input.closesAt !== undefined && input.closesAt < fair.closesAt)
      throw new DeadlineTooEarly(fair.closesAt);
    const closesAt = input.closesAt ?? fair.closesAt;
    const id = newId(now);
    const names = await this.names(tx, everyone);
    const post = await this.posts.replyIn(tx, caller, threadId, {
      markdown: openingMarkdown({
        question: input.question,
        mode: input.mode,
        options,
        windowHours,
        closesAt,
        deciderName: names(deciderId),
        setter: names(fair.setBy),
        setterZone: profiles.get(fair.setBy)!.timeZone,
      }),
      mentions: everyone.filter((p) => p !== caller.personId),
    });
    const row: DecisionRow = {
      id,
      workspaceId: caller.workspaceId,
      channelId: channel.channel.id,
      threadId,
      postId: post.id,
      openedBy: caller.personId,
      deciderId,
      question: input.question,
      mode: input.mode,
      options: JSON.stringify(options),
      hideVotes: input.hideVotesUntilClose ? 1 : 0,
      windowHours,
      openedAt: now,
      fairClosesAt: fair.closesAt,
      closesAt,
      closeSetBy: fair.setBy,
      state: 'open',
      outcome: null,
      chosenOption: null,
      outcomePostId: null,
      closedEarly: 0,
      closedAt: null,
    };
    const participants: DecisionParticipantRow[] = [
      ...requiredIds.map((personId) => {
        const w = fair.windows.get(personId)!;
        return {
          decisionId: id,
          personId,
          isRequired: 1,
          windowEndsAt: w.endsAt,
          remindAt: w.remindAt,
          remindedAt: null,
        };
      }),
      ...optionalIds.map((personId) => ({
        decisionId: id,
        personId,
        isRequired: 0,
        windowEndsAt: null,
        remindAt: null,
        remindedAt: null,
      })),
    ];
    await repo.insertDecision(tx, row, participants);
    await this.jobs.schedule(tx, {
      kind: closeJobKind,
      subjectId: id,
      workspaceId: caller.workspaceId,
      dueAt: closesAt,
    });
    for (const p of participants)
      if (p.remindAt !== null)
        await this.jobs.schedule(tx, {
          kind: remindJobKind,
          subjectId: `${id}:${p.personId}`,
          workspaceId: caller.workspaceId,
          dueAt: p.remindAt,
        });
    return id;
  }

  private validate(caller: Caller, input: OpenDecision) {
    const requiredIds = input.requiredIds;
    const optionalIds = input.optionalIds ?? [];
    requiredIds.forEach((id, i) => {
      if (requiredIds.indexOf(id) !== i)
        throw new InvalidDecisionField(`body.requiredIds.${i}`, 'listed twice');
    });
    optionalIds.forEach((id, i) => {
      if (optionalIds.indexOf(id) !== i || requiredIds.includes(id))
        throw new InvalidDecisionField(`body.optionalIds.${i}`, 'listed twice, or also required');
    });
    const options = input.options ?? [];
    if (input.mode === 'vote' && options.length < 2)
      throw new InvalidDecisionField('body.options', 'a vote needs 2 to 20 options');
    if (input.mode === 'consent' && options.length > 0)
      throw new InvalidDecisionField('body.options', 'a consent decision has no options');
    options.forEach((text, i) => {
      if (options.indexOf(text) !== i)
        throw new InvalidDecisionField(`body.options.${i}`, 'the same option twice');
    });
    return { requiredIds, optionalIds, options, deciderId: input.deciderId ?? caller.personId };
  }

  /** A decision the caller can see. */
  async get(caller: Caller, id: string): Promise<DecisionView> {
    const loaded = await this.load(this.db, caller, id);
    return (await this.views(this.db, caller, [loaded]))[0]!;
  }

  /** A thread's decisions, newest first. */
  async listInThread(
    caller: Caller,
    threadId: string,
    state: DecisionRow['state'] | undefined,
    page: PageRequest,
  ): Promise<Page<DecisionView>> {
    const { channel } = await loadVisibleThread(this.db, caller, threadId);
    const rows = await repo.listDecisions(
      this.db,
      { workspaceId: caller.workspaceId, channelIds: [channel.channel.id], threadId, state },
      { ...page, limit: page.limit + 1 },
    );
    const result = toPage(rows, page.limit, (d) => ({ key: d.id, id: d.id }));
    const ids = result.items.map((d) => d.id);
    const participants = await repo.listParticipants(this.db, ids);
    const responses = await repo.listResponses(this.db, ids);
    const loaded = result.items.map((decision) => ({
      decision,
      channel,
      participants: participants.filter((p) => p.decisionId === decision.id),
      responses: responses.filter((r) => r.decisionId === decision.id),
    }));
    return { items: await this.views(this.db, caller, loaded), nextCursor: result.nextCursor };
  }

  /** Sets the caller's response (a participant's; until the close). */
  async respond(caller: Caller, id: string, input: ResponseInput): Promise<DecisionView> {
    await this.db.transaction().execute(async (tx) => {
      const { decision } = await this.loadForResponse(tx, caller, id);
      const options = JSON.parse(decision.options) as string[];
      if (decision.mode === 'vote') {
        if (input.kind !== 'vote') throw new InvalidDecisionField('body.kind', 'this decision is a vote');
        if (input.option === undefined || input.option >= options.length)
          throw new InvalidDecisionField(
            'body.option',
            `must be an option index from 0 to ${options.length - 1}`,
          );
      } else {
        if (input.kind === 'vote')
          throw new InvalidDecisionField('body.kind', 'this decision asks for consent');
        if (input.option !== undefined)
          throw new InvalidDecisionField('body.option', 'consent has no options');
        if (input.kind === 'block' && input.reason === undefined)
          throw new InvalidDecisionField('body.reason', 'a block needs a reason');
      }
      const now = this.clock.now();
      await repo.putResponse(tx, {
        decisionId: id,
        personId: caller.personId,
        kind: input.kind,
        optionIndex: input.kind === 'vote' ? input.option! : null,
        reason: input.kind === 'vote' ? null : (input.reason ?? null),
        createdAt: now,
        updatedAt: now,
      });
    });
    return this.get(caller, id);
  }

  /** Withdraws the caller's block: their response becomes consent. */
  async withdrawBlock(caller: Caller, id: string): Promise<DecisionView> {
    await this.db.transaction().execute(async (tx) => {
      const { responses } = await this.loadForResponse(tx, caller, id);
      const mine = responses.find((r) => r.personId === caller.personId);
      if (mine?.kind !== 'block')
        throw new DomainError('conflict', 'You have no block on this decision to withdraw.');
      await repo.putResponse(tx, { ...mine, kind: 'consent', reason: null, updatedAt: this.clock.now() });
    });
    return this.get(caller, id);
  }

  private async loadForResponse(tx: Executor, caller: Caller, id: string): Promise<Loaded> {
    const loaded = await this.load(tx, caller, id);
    const isParticipant = loaded.participants.some((p) => p.personId === caller.personId);
    assertDecisionAllowed(caller, 'decision.respond', {
      channel: loaded.channel.facts,
      isParticipant,
      isDecider: loaded.decision.deciderId === caller.personId,
    });
    if (loaded.decision.state !== 'open' || loaded.decision.closesAt <= this.clock.now())
      throw new DecisionClosed();
    return loaded;
  }

  /** The decider closes early: only once every required participant has responded. */
  async closeEarly(caller: Caller, id: string): Promise<DecisionView> {
    await this.db.transaction().execute(async (tx) => {
      const { decision, channel, participants, responses } = await this.load(tx, caller, id);
      assertDecisionAllowed(caller, 'decision.close', {
        channel: channel.facts,
        isParticipant: participants.some((p) => p.personId === caller.personId),
        isDecider: decision.deciderId === caller.personId,
      });
      if (decision.state !== 'open') throw new DecisionClosed();
      const required = participants.filter((p) => p.isRequired === 1).map((p) => p.personId);
      if (!haveAllRequiredResponded(required, responses)) {
        const responded = new Set(responses.map((r) => r.personId));
        throw new DecisionResponsesMissing(required.filter((p) => !responded.has(p)).length);
      }
      const now = this.clock.now();
      await this.jobs.cancel(tx, { kind: closeJobKind, subjectId: id });
      await this.conclude(tx, decision, responses, now, true, caller);
    });
    return this.get(caller, id);
  }

  /** The decider breaks a tie at the close. */
  async tieBreak(caller: Caller, id: string, option: number): Promise<DecisionView> {
    await this.db.transaction().execute(async (tx) => {
      const { decision, channel, participants, responses } = await this.load(tx, caller, id);
      assertDecisionAllowed(caller, 'decision.close', {
        channel: channel.facts,
        isParticipant: participants.some((p) => p.personId === caller.personId),
        isDecider: decision.deciderId === caller.personId,
      });
      if (decision.state !== 'awaiting_tiebreak')
        throw new NoTie('The decision is not waiting for a tie-break.');
      const outcome = decideOutcome(
        decision.mode,
        (JSON.parse(decision.options) as string[]).length,
        responses,
      );
      if (outcome.outcome !== 'tie' || !outcome.tied.includes(option))
        throw new NoTie(`Option ${option} is not among the tied options.`);
      await this.finish(tx, decision, { outcome: 'chosen', chosenOption: option }, this.clock.now(), caller);
    });
    return this.get(caller, id);
  }

  /** Closes a decision whose close instant has come (the close job's work); once, whatever retries. */
  async closeDue(tx: Executor, id: string, now: number): Promise<void> {
    const decision = await repo.findDecisionById(tx, id);
    if (!decision || decision.state !== 'open' || decision.closesAt > now) return;
    const responses = await repo.listResponses(tx, [id]);
    const caller = await this.actingDecider(tx, decision);
    await this.conclude(tx, decision, responses, now, false, caller);
  }

  private async conclude(
    tx: Executor,
    decision: DecisionRow,
    responses: readonly DecisionResponseRow[],
    now: number,
    isEarly: boolean,
    caller: Caller | null,
  ): Promise<void> {
    const outcome = decideOutcome(
      decision.mode,
      (JSON.parse(decision.options) as string[]).length,
      responses,
    );
    if (outcome.outcome !== 'tie') {
      await this.finish(tx, decision, outcome, now, caller, isEarly);
      return;
    }
    if (
      !(await repo.updateState(tx, decision.id, ['open'], {
        state: 'awaiting_tiebreak',
        closedEarly: isEarly ? 1 : 0,
      }))
    )
      return;
    await this.post(tx, caller, decision, closingMarkdown(decision, outcome), [decision.deciderId]);
  }

  private async finish(
    tx: Executor,
    decision: DecisionRow,
    outcome: Exclude<Outcome, { outcome: 'tie' }>,
    now: number,
    caller: Caller | null,
    isEarly?: boolean,
  ): Promise<void> {
    const changed = await repo.updateState(tx, decision.id, ['open', 'awaiting_tiebreak'], {
      state: 'closed',
      outcome: outcome.outcome,
      chosenOption: outcome.chosenOption,
      closedAt: now,
      ...(isEarly === undefined ? {} : { closedEarly: isEarly ? 1 : 0 }),
    });
    if (!changed) return;
    const closed = {
      ...decision,
      state: 'closed' as const,
      outcome: outcome.outcome,
      chosenOption: outcome.chosenOption,
    };
    const postId = await this.post(tx, caller, decision, closingMarkdown(closed, outcome), []);
    if (postId !== null) await repo.setOutcomePost(tx, decision.id, postId);
  }

  // The outcome goes into the thread as the decider's post; a decider who can no longer post there (left
  // the channel, deactivated, archived channel) leaves the outcome in the log only.
  private async post(
    tx: Executor,
    caller: Caller | null,
    decision: DecisionRow,
    markdown: string,
    mentions: string[],
  ): Promise<string | null> {
    if (caller === null) return null;
    try {
      const post = await this.posts.replyIn(tx, caller, decision.threadId, {
        markdown,
        mentions: mentions.filter((m) => m !== caller.personId),
      });
      return post.id;
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }

  private async actingDecider(tx: Executor, d: DecisionRow): Promise<Caller | null> {
    const role = await repo.findActiveRole(tx, d.workspaceId, d.deciderId);
    if (role === null) return null;
    return {
      personId: d.deciderId,
      workspaceId: d.workspaceId,
      role,
      via: 'token',
      scope: 'read-write',
      credentialId: 'scheduler',
    };
  }

  /** A required participant's one reminder, if they have not responded and the decision is open (a job's work). */
  async remindDue(tx: Executor, decisionId: string, personId: string, now: number): Promise<void> {
    const decision = await repo.findDecisionById(tx, decisionId);
    if (!decision || decision.state !== 'open') return;
    const responses = await repo.listResponses(tx, [decisionId]);
    if (responses.some((r) => r.personId === personId)) return;
    if (!(await repo.markReminded(tx, decisionId, personId, now))) return;
    await this.deliveries.remindOfPost(
      tx,
      {
        workspaceId: decision.workspaceId,
        personId,
        postId: decision.postId,
        threadId: decision.threadId,
        channelId: decision.channelId,
        authorId: decision.openedBy,
      },
      now,
    );
  }

  /** A page of the decision log: closed decisions in channels the caller can read, newest close first. */
  async log(
    caller: Caller,
    filter: LogFilter,
    page: PageRequest,
  ): Promise<Page<ReturnType<typeof toLogView>>> {
    const rows = await this.logRows(caller, filter, { ...page, limit: page.limit + 1 });
    const result = toPage(rows, page.limit, (d) => ({ key: d.closedAt!, id: d.id }));
    return { items: await this.logViews(result.items), nextCursor: result.nextCursor };
  }

  /** The decision log (filtered, at most {@link maxExported} entries) as CSV or markdown. */
  async export(caller: Caller, filter: LogFilter, format: 'csv' | 'markdown') {
    const rows = await this.logRows(caller, filter, { limit: maxExported });
    const entries: LogEntry[] = (await this.logViews(rows)).map((e) => ({
      id: e.id,
      question: e.question,
      mode: e.mode,
      outcome: e.outcome,
      decider: e.decider,
      tookPart: e.tookPart.map((p) => p.displayName),
      openedAt: Date.parse(e.openedAt),
      closedAt: Date.parse(e.closedAt),
      link: e.link,
    }));
    return format === 'csv'
      ? {
          format,
          contentType: 'text/csv; charset=utf-8',
          filename: 'decision-log.csv',
          content: toCsv(entries),
        }
      : {
          format,
          contentType: 'text/markdown; charset=utf-8',
          filename: 'decision-log.md',
          content: toMarkdown(entries),
        };
  }

  private async logRows(caller: Caller, filter: LogFilter, page: PageRequest): Promise<DecisionRow[]> {
    assertDecisionAllowed(caller, 'decision.read', {
      channel: { visibility: 'public', isMember: true, isArchived: false },
      isParticipant: false,
      isDecider: false,
    });
    const channelIds = await listReadableChannelIds(this.db, caller);
    return repo.listDecisions(
      this.db,
      {
        workspaceId: caller.workspaceId,
        channelIds,
        isLog: true,
        text: filter.q,
        closedFrom: filter.from,
        closedTo: filter.to,
      },
      page,
    );
  }

  private async logViews(rows: readonly DecisionRow[]) {
    const responses = await repo.listResponses(
      this.db,
      rows.map((d) => d.id),
    );
    const names = await this.names(this.db, [
      ...rows.map((d) => d.deciderId),
      ...responses.map((r) => r.personId),
    ]);
    return rows.map((d) =>
      toLogView(
        d,
        responses
          .filter((r) => r.decisionId === d.id)
          .map((r) => ({ personId: r.personId, displayName: names(r.personId) })),
        names(d.deciderId),
      ),
    );
  }

  private async load(db: Executor, caller: Caller, id: string): Promise<Loaded> {
    const decision = await repo.findDecision(db, caller.workspaceId, id);
    if (!decision) throw new DecisionNotFound();
    let channel: VisibleChannel;
    try {
      channel = (await loadVisibleThread(db, caller, decision.threadId)).channel;
    } catch {
      throw new DecisionNotFound();
    }
    return {
      decision,
      channel,
      participants: await repo.listParticipants(db, [id]),
      responses: await repo.listResponses(db, [id]),
    };
  }

  private async views(db: Executor, caller: Caller, loaded: readonly Loaded[]): Promise<DecisionView[]> {
    const people = unique([
      caller.personId,
      ...loaded.flatMap((l) => [
        ...l.participants.map((p) => p.personId),
        ...(l.decision.closeSetBy ? [l.decision.closeSetBy] : []),
      ]),
    ]);
    const profiles = await this.rhythms.deliveryProfiles(people, db);
    const names = await this.names(db, people);
    const ctx: ViewContext = {
      viewerId: caller.personId,
      zoneOf: (p) => profiles.get(p)?.timeZone ?? 'UTC',
      nameOf: names,
    };
    return loaded.map((l) => toDecisionView(l.decision, l.participants, l.responses, ctx));
  }

  private async names(db: Executor, ids: readonly string[]): Promise<(id: string) => string> {
    const found = new Map((await findPeopleByIds(db, unique(ids))).map((p) => [p.id, p.displayName]));
    return (id) => found.get(id) ?? 'someone';
  }
}

/** A closed decision as the log shows it. */
export function toLogView(
  d: DecisionRow,
  tookPart: { personId: string; displayName: string }[],
  decider: string,
) {
  return {
    id: d.id,
    question: d.question,
    mode: d.mode,
    outcome: outcomeText(d),
    deciderId: d.deciderId,
    decider,
    tookPart,
    openedAt: new Date(d.openedAt).toISOString(),
    closedAt: new Date(d.closedAt!).toISOString(),
    threadId: d.threadId,
    link: `/threads/${d.threadId}#post-${d.postId}`,
  };
}
