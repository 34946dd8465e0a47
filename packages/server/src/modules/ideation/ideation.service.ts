import { assertParticipation } from '../access/index.js';
import type { ParticipationAction } from '../access/index.js';
import type { AgreementService } from '../agreements/index.js';
import { assertPeopleCanSeeChannel, loadVisibleChannel } from '../channels/index.js';
import type { VisibleChannel } from '../channels/index.js';
import { findPeopleByIds } from '../people/index.js';
import type { RhythmService } from '../rhythms/index.js';
import { loadVisibleThread } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { IdeaRow, IdeationRoundRow } from '../../shared/database.js';
import type { EventPublisher } from '../../shared/event-publisher.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { newId } from '../../shared/new-id.js';
import {
  compareResults,
  defaultDotsPerPerson,
  dotRefusal,
  fairRevealAt,
  isRevealed,
} from './ideation.domain.js';
import {
  AlreadyPromoted,
  DotsExhausted,
  IdeationNotFound,
  InvalidIdeationReference,
  PromotionUnavailable,
  WrongIdeationPhase,
} from './ideation.errors.js';
import * as repo from './ideation.repository.js';
import type { Executor } from './ideation.repository.js';
import { renderExport, toIdeaView, toRoundView } from './ideation-view.js';
import type { IdeaView, RoundExport, RoundView } from './ideation-view.js';

/** The job that tells a round's participants it revealed; subject the round id. */
export const revealJobKind = 'ideation.reveal';

/** What opening a round takes. */
export interface OpenRound {
  channelId: string;
  threadId?: string | undefined;
  prompt: string;
  participantIds: string[];
  anonymous?: boolean | undefined;
  dotsPerPerson?: number | undefined;
  allowStacking?: boolean | undefined;
  windowHours?: number | undefined;
}

/** Starts a thread with a first post inside a transaction (the posts module's `startThreadIn`). */
export interface ThreadStarter {
  startThreadIn(
    tx: Executor,
    caller: Caller,
    channelId: string,
    input: { title: string; markdown: string },
  ): Promise<{ thread: { id: string } }>;
}

/**
 * The hook a decisions module implements to open a decision from an idea, in the promoting transaction:
 * its question is the idea's text, in the round's thread (or channel). Not installed: promotion into a
 * decision answers `promotion_unavailable` (501).
 */
export interface DecisionOpener {
  openFromIdea(
    tx: Executor,
    caller: Caller,
    idea: {
      channelId: string;
      threadId: string | null;
      question: string;
      ideaId: string;
      /** The round's participants (the decisions module keeps those who can see the thread). */
      participantIds: readonly string[];
    },
  ): Promise<{ decisionId: string; threadId: string | null }>;
}

interface LoadedRound {
  round: IdeationRoundRow;
  channel: VisibleChannel;
  participantIds: string[];
  isParticipant: boolean;
  dotsUsed: number;
}

/**
 * Ideation rounds. Blindness is enforced here, by query: before the reveal every read is filtered to the
 * caller's own ideas in SQL, nothing is published as an event, and ideas are never posts, so search,
 * digests and exports of posts cannot see them. Admins get nothing more than anyone else.
 */
export class IdeationService {
  decisions: DecisionOpener | null = null;

  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly agreements: Pick<AgreementService, 'currentAgreement'>,
    private readonly jobs: JobQueue<Executor>,
    private readonly events: EventPublisher<Executor>,
    private readonly threads: ThreadStarter,
  ) {}

  /** Registers the reveal job. */
  registerJobs(): void {
    this.jobs.handle(revealJobKind, (job, { tx, now }) => this.announceReveal(tx, job.subjectId, now));
  }

  /** Opens a round; its reveal is the fair time over the participants' working time. */
  async open(caller: Caller, input: OpenRound): Promise<RoundView> {
    return this.db.transaction().execute(async (tx) => {
      const channel = await loadVisibleChannel(tx, caller, input.channelId);
      assertParticipation(
        caller,
        'ideation.open',
        { channel: channel.facts, isParticipant: true },
        'channel',
      );
      if (input.threadId !== undefined) {
        const found = await loadVisibleThread(tx, caller, input.threadId).catch(() => null);
        if (!found || found.thread.channelId !== input.channelId)
          throw new InvalidIdeationReference('body.threadId', 'is not a thread of that channel');
      }
      const participantIds = [...new Set([caller.personId, ...input.participantIds])].sort();
      await assertPeopleCanSeeChannel(tx, caller, channel, participantIds, 'body.participantIds');
      const agreement = await this.agreements.currentAgreement(caller.workspaceId, input.channelId, tx);
      const windowHours = input.windowHours ?? agreement.decisionWindowHours;
      const profiles = await this.rhythms.deliveryProfiles(participantIds, tx);
      const openedAt = this.clock.now();
      const round: IdeationRoundRow = {
        id: newId(openedAt),
        workspaceId: caller.workspaceId,
        channelId: input.channelId,
        threadId: input.threadId ?? null,
        prompt: input.prompt,
        createdBy: caller.personId,
        isAnonymous: input.anonymous === true ? 1 : 0,
        dotsPerPerson: input.dotsPerPerson ?? defaultDotsPerPerson,
        allowsStacking: input.allowStacking === true ? 1 : 0,
        windowHours,
        openedAt,
        revealAt: fairRevealAt(
          participantIds.map((id) => profiles.get(id)!.present),
          openedAt,
          windowHours,
        ),
        revealedAt: null,
      };
      await repo.insertRound(tx, round, participantIds);
      await this.jobs.schedule(tx, {
        kind: revealJobKind,
        subjectId: round.id,
        workspaceId: round.workspaceId,
        dueAt: round.revealAt,
      });
      return toRoundView(round, participantIds, caller.personId, 0, openedAt);
    });
  }

  async get(caller: Caller, roundId: string): Promise<RoundView> {
    const loaded = await this.load(this.db, caller, roundId, 'ideation.read');
    return toRoundView(
      loaded.round,
      loaded.participantIds,
      caller.personId,
      loaded.dotsUsed,
      this.clock.now(),
    );
  }

  /** Before the reveal, the caller's own ideas; after it, all of them, most dots first. */
  async ideas(caller: Caller, roundId: string): Promise<{ phase: RoundView['phase']; items: IdeaView[] }> {
    const loaded = await this.load(this.db, caller, roundId, 'ideation.read');
    const now = this.clock.now();
    const revealed = isRevealed(loaded.round, now);
    return {
      phase: revealed ? 'voting' : 'collecting',
      items: await this.views(this.db, caller, loaded.round, revealed),
    };
  }

  async submit(caller: Caller, roundId: string, input: { text: string; buildsOn?: string | undefined }) {
    return this.db.transaction().execute(async (tx) => {
      const { round } = await this.load(tx, caller, roundId, 'ideation.submit');
      const now = this.clock.now();
      if (input.buildsOn !== undefined) {
        const target = await repo.findIdea(tx, caller.workspaceId, input.buildsOn);
        const isVisible =
          target?.roundId === round.id && (isRevealed(round, now) || target.authorId === caller.personId);
        if (!isVisible)
          throw new InvalidIdeationReference('body.buildsOn', 'is not an idea of this round visible to you');
      }
      const idea: IdeaRow = {
        id: newId(now),
        workspaceId: caller.workspaceId,
        roundId: round.id,
        authorId: caller.personId,
        text: input.text,
        buildsOnId: input.buildsOn ?? null,
        promotedThreadId: null,
        createdAt: now,
        editedAt: null,
      };
      await repo.insertIdea(tx, idea);
      return (await this.viewsOf(tx, caller, round, [idea], isRevealed(round, now)))[0]!;
    });
  }

  /** Edits an idea's text: its author only, before and after the reveal. */
  async edit(caller: Caller, ideaId: string, text: string): Promise<IdeaView> {
    return this.db.transaction().execute(async (tx) => {
      const { idea, loaded } = await this.loadIdea(tx, caller, ideaId);
      assertParticipation(
        caller,
        'idea.edit',
        { channel: loaded.channel.facts, isParticipant: loaded.isParticipant, authorId: idea.authorId },
        'idea',
      );
      const now = this.clock.now();
      await repo.updateIdeaText(tx, idea.id, text, now);
      const edited = { ...idea, text, editedAt: now };
      return (await this.viewsOf(tx, caller, loaded.round, [edited], isRevealed(loaded.round, now)))[0]!;
    });
  }

  /** Sets the caller's dots on an idea (after the reveal), within their dots and the stacking rule. */
  async dot(caller: Caller, ideaId: string, dots: number): Promise<IdeaView> {
    return this.db.transaction().execute(async (tx) => {
      const { idea, loaded } = await this.loadIdea(tx, caller, ideaId);
      const { round } = loaded;
      const facts = { channel: loaded.channel.facts, isParticipant: loaded.isParticipant };
      assertParticipation(caller, 'ideation.dot', facts, 'idea');
      const now = this.clock.now();
      if (!isRevealed(round, now)) throw new WrongIdeationPhase('Dots are placed after the reveal.');
      const participant = await repo.lockParticipant(tx, round.id, caller.personId);
      const { mine } = await repo.dotTotals(tx, round.id, caller.personId);
      const before = mine.get(idea.id) ?? 0;
      const rules = { dotsPerPerson: round.dotsPerPerson, allowsStacking: round.allowsStacking === 1 };
      const used = Number(participant!.dotsUsed);
      const refusal = dotRefusal(rules, used, before, dots);
      if (refusal !== null) throw new DotsExhausted(refusal);
      await repo.setDots(
        tx,
        { roundId: round.id, ideaId: idea.id, personId: caller.personId },
        dots,
        used - before + dots,
      );
      return (await this.viewsOf(tx, caller, round, [idea], true))[0]!;
    });
  }

  /** Promotes an idea (after the reveal) into a new thread of the round's channel, or into a decision. */
  async promote(
    caller: Caller,
    ideaId: string,
    input: { to: 'thread' | 'decision'; title?: string | undefined },
  ) {
    return this.db.transaction().execute(async (tx) => {
      const { idea, loaded } = await this.loadIdea(tx, caller, ideaId);
      const { round } = loaded;
      assertParticipation(
        caller,
        'idea.promote',
        { channel: loaded.channel.facts, isParticipant: loaded.isParticipant },
        'idea',
      );
      if (!isRevealed(round, this.clock.now()))
        throw new WrongIdeationPhase('Ideas are promoted after the reveal.');
      if (input.to === 'decision') {
        if (!this.decisions) throw new PromotionUnavailable();
        const opened = await this.decisions.openFromIdea(tx, caller, {
          channelId: round.channelId,
          threadId: round.threadId,
          question: idea.text,
          ideaId: idea.id,
          participantIds: loaded.participantIds,
        });
        return { to: 'decision' as const, threadId: opened.threadId, decisionId: opened.decisionId };
      }
      if (idea.promotedThreadId !== null) throw new AlreadyPromoted();
      // The promoter starts the thread: in an anonymous round the idea's author stays unnamed.
      const title = input.title ?? firstLine(idea.text);
      const markdown = `${idea.text}\n\n*Promoted from the ideation round “${firstLine(round.prompt)}” (${round.id}).*`;
      const started = await this.threads.startThreadIn(tx, caller, round.channelId, { title, markdown });
      if (!(await repo.markPromoted(tx, idea.id, started.thread.id))) throw new AlreadyPromoted();
      return { to: 'thread' as const, threadId: started.thread.id, decisionId: null };
    });
  }

  /** The results as markdown and CSV: after the reveal only, never pairing ideas with people when anonymous. */
  async export(caller: Caller, roundId: string): Promise<RoundExport> {
    const loaded = await this.load(this.db, caller, roundId, 'ideation.read');
    if (!isRevealed(loaded.round, this.clock.now()))
      throw new WrongIdeationPhase('A round is exported after its reveal.');
    return renderExport(loaded.round, await this.views(this.db, caller, loaded.round, true));
  }

  /** The reveal job: records the reveal and tells the participants (the first event about the round). */
  async announceReveal(tx: Executor, roundId: string, now: number): Promise<void> {
    const round = await repo.findRoundById(tx, roundId);
    if (!round || !isRevealed(round, now) || !(await repo.markRevealed(tx, round.id, now))) return;
    const participants = await repo.listParticipants(tx, round.id);
    await this.events.publish(
      tx,
      participants.map((p) => ({
        workspaceId: round.workspaceId,
        personId: p.personId,
        type: 'ideation.revealed',
        payload: { roundId: round.id, channelId: round.channelId, threadId: round.threadId },
      })),
    );
  }

  private async load(
    db: Executor,
    caller: Caller,
    roundId: string,
    action: ParticipationAction,
  ): Promise<LoadedRound> {
    const round = await repo.findRound(db, caller.workspaceId, roundId);
    if (!round) throw new IdeationNotFound('ideation round');
    const channel = await loadVisibleChannel(db, caller, round.channelId).catch(() => {
      throw new IdeationNotFound('ideation round');
    });
    const participants = await repo.listParticipants(db, round.id);
    const me = participants.find((p) => p.personId === caller.personId);
    assertParticipation(
      caller,
      action,
      { channel: channel.facts, isParticipant: me !== undefined },
      'ideation round',
    );
    return {
      round,
      channel,
      participantIds: participants.map((p) => p.personId),
      isParticipant: me !== undefined,
      dotsUsed: me ? Number(me.dotsUsed) : 0,
    };
  }

  // An idea of another person before the reveal answers exactly like an id that does not exist.
  private async loadIdea(tx: Executor, caller: Caller, ideaId: string) {
    const idea = await repo.findIdea(tx, caller.workspaceId, ideaId);
    if (!idea) throw new IdeationNotFound('idea');
    const loaded = await this.load(tx, caller, idea.roundId, 'ideation.read').catch(() => {
      throw new IdeationNotFound('idea');
    });
    if (idea.authorId !== caller.personId && !isRevealed(loaded.round, this.clock.now()))
      throw new IdeationNotFound('idea');
    return { idea, loaded };
  }

  private async views(db: Executor, caller: Caller, round: IdeationRoundRow, revealed: boolean) {
    const ideas = await repo.listIdeas(db, round.id, revealed ? undefined : caller.personId);
    return this.viewsOf(db, caller, round, ideas, revealed);
  }

  private async viewsOf(
    db: Executor,
    caller: Caller,
    round: IdeationRoundRow,
    ideas: IdeaRow[],
    revealed: boolean,
  ): Promise<IdeaView[]> {
    const { totals, mine } = revealed
      ? await repo.dotTotals(db, round.id, caller.personId)
      : { totals: new Map<string, number>(), mine: new Map<string, number>() };
    const isNamed = revealed && round.isAnonymous === 0;
    const names = isNamed
      ? new Map(
          (await findPeopleByIds(db, [...new Set(ideas.map((i) => i.authorId))])).map((p) => [
            p.id,
            p.displayName,
          ]),
        )
      : new Map<string, string>();
    const views = ideas.map((idea) =>
      toIdeaView(idea, {
        mine: idea.authorId === caller.personId,
        authorName: isNamed ? (names.get(idea.authorId) ?? '') : null,
        dots: revealed ? (totals.get(idea.id) ?? 0) : null,
        myDots: mine.get(idea.id) ?? 0,
      }),
    );
    if (!revealed) return views;
    return views
      .map((view, i) => ({
        view,
        key: { dots: view.dots ?? 0, createdAt: ideas[i]!.createdAt, id: view.id },
      }))
      .sort((a, b) => compareResults(a.key, b.key))
      .map((x) => x.view);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
