import { assertAllowed } from '../access/index.js';
import { assertPeopleCanSeeChannel, loadVisibleChannel } from '../channels/index.js';
import type { PostService, WrittenPost } from '../posts/index.js';
import { addFollowers, loadVisibleThread, toThreadView } from '../threads/index.js';
import type { ThreadView, VisibleThread } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { JobQueue } from '../../shared/job-queue.js';
import { newId } from '../../shared/new-id.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { scratchDays, scratchExpiry } from './scratch.domain.js';
import { ScratchNotFound } from './scratch.errors.js';
import * as repo from './scratch.repository.js';
import type { Executor, ScratchThreadRow } from './scratch.repository.js';

/** The job that deletes a scratch thread at its expiry; its subject is the thread's id. */
export const expireJobKind = 'scratch.expire';

/** What a new scratch thread says and who takes part. */
export interface NewScratchThread {
  title: string;
  markdown: string;
  mentions?: string[];
  /** Besides the author, who else takes part (each must be able to read the home channel). */
  participantIds: string[];
  /** Days until it expires; {@link scratchDays}.default when absent. */
  days?: number;
}

/** A scratch thread as one of its participants sees it. */
export interface ScratchView {
  thread: ThreadView;
  participantIds: string[];
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Scratch threads (issue 6): off-the-record threads seen only by their participants, deleted with all
 * they hold at expiry unless promoted into their home channel first. Each lives in a private channel of
 * its own, whose members are its participants, so that the rules for private channels hide it everywhere
 * (thread and post routes, search, lineage, mentions, deliveries, the decision log) with no check of its own.
 */
export class ScratchService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly posts: PostService,
    private readonly jobs: JobQueue<Executor>,
  ) {}

  /** Registers the expiry job: exactly once per thread, in one transaction with the deletion. */
  registerJobs(): void {
    this.jobs.handle(expireJobKind, async (job, { tx, now }) => {
      await this.expireDue(tx, job.subjectId, now);
    });
  }

  /** Starts a scratch thread whose home is `homeChannelId`, with its title and first post. */
  async create(
    caller: Caller,
    homeChannelId: string,
    input: NewScratchThread,
  ): Promise<ScratchView & { post: WrittenPost }> {
    return this.db.transaction().execute(async (tx) => {
      const home = await loadVisibleChannel(tx, caller, homeChannelId);
      assertAllowed(caller, 'channel.post', { channel: home.facts }, 'channel');
      await assertPeopleCanSeeChannel(tx, caller, home, input.participantIds, 'body.participantIds');
      const at = this.clock.now();
      const channelId = newId(at);
      const participantIds = unique([caller.personId, ...input.participantIds]);
      await repo.insertScratchChannel(
        tx,
        { id: channelId, workspaceId: caller.workspaceId, createdBy: caller.personId, createdAt: at },
        participantIds,
      );
      const { thread, post } = await this.posts.startThreadIn(tx, caller, channelId, {
        title: input.title,
        markdown: input.markdown,
        ...(input.mentions ? { mentions: input.mentions } : {}),
      });
      const expiresAt = scratchExpiry(at, input.days ?? scratchDays.default);
      await repo.markScratch(tx, thread.id, expiresAt, homeChannelId);
      // Participants follow it: later posts reach them (and only them) in their own slots.
      await addFollowers(tx, thread.id, participantIds, at);
      await this.jobs.schedule(tx, {
        kind: expireJobKind,
        subjectId: thread.id,
        workspaceId: caller.workspaceId,
        dueAt: expiresAt,
      });
      const scratch = { expiresAt: new Date(expiresAt).toISOString(), homeChannelId };
      return { thread: { ...thread, scratch }, post, participantIds };
    });
  }

  /** The caller's scratch threads, newest first. */
  async list(caller: Caller, page: PageRequest): Promise<Page<ScratchView>> {
    const ids = await repo.listScratchThreadIds(this.db, caller.workspaceId, caller.personId, {
      limit: page.limit + 1,
      ...(page.after ? { afterId: page.after.id } : {}),
    });
    const result = toPage(ids, page.limit, (id) => ({ key: 0, id }));
    const items: ScratchView[] = [];
    for (const id of result.items) items.push(await this.get(caller, id));
    return { items, nextCursor: result.nextCursor };
  }

  /** One scratch thread and its participants. */
  async get(caller: Caller, threadId: string, db: Executor = this.db): Promise<ScratchView> {
    const visible = await this.loadScratch(db, caller, threadId);
    return {
      thread: toThreadView(visible.thread),
      participantIds: await repo.listParticipantIds(db, visible.channel.channel.id),
    };
  }

  /** Adds participants (any participant may); each must be able to read the home channel. */
  async addParticipants(caller: Caller, threadId: string, personIds: string[]): Promise<ScratchView> {
    return this.db.transaction().execute(async (tx) => {
      const { thread, channel } = await this.loadScratch(tx, caller, threadId);
      assertAllowed(caller, 'channel.post', { channel: channel.facts }, 'thread');
      const home = await loadVisibleChannel(tx, caller, thread.homeChannelId!);
      await assertPeopleCanSeeChannel(tx, caller, home, personIds, 'body.personIds');
      const at = this.clock.now();
      await repo.addParticipants(tx, channel.channel.id, personIds, at);
      await addFollowers(tx, threadId, personIds, at);
      return this.get(caller, threadId, tx);
    });
  }

  /**
   * Promotes a scratch thread into an ordinary thread of its home channel (a participant who may post
   * there): it keeps its posts, becomes visible by the channel's rules, and no longer expires.
   */
  async promote(caller: Caller, threadId: string): Promise<ThreadView> {
    return this.db.transaction().execute(async (tx) => {
      const { thread } = await this.loadScratch(tx, caller, threadId);
      const home = await loadVisibleChannel(tx, caller, thread.homeChannelId!);
      assertAllowed(caller, 'channel.post', { channel: home.facts }, 'channel');
      await repo.promote(tx, {
        id: thread.id,
        workspaceId: thread.workspaceId,
        channelId: thread.channelId,
        homeChannelId: home.channel.id,
        expiresAt: Number(thread.expiresAt),
      });
      await this.jobs.cancel(tx, { kind: expireJobKind, subjectId: threadId });
      return toThreadView((await loadVisibleThread(tx, caller, threadId)).thread);
    });
  }

  /** The expiry job: deletes the thread and all of it, unless it was promoted (or moved later) meanwhile. */
  async expireDue(tx: Executor, threadId: string, now: number): Promise<Record<string, number> | null> {
    const thread: ScratchThreadRow | undefined = await repo.findScratchThread(tx, threadId);
    if (!thread || thread.expiresAt > now) return null;
    return repo.purge(tx, thread);
  }

  private async loadScratch(db: Executor, caller: Caller, threadId: string): Promise<VisibleThread> {
    let visible: VisibleThread;
    try {
      visible = await loadVisibleThread(db, caller, threadId);
    } catch {
      throw new ScratchNotFound();
    }
    if (visible.thread.expiresAt == null || visible.thread.homeChannelId == null) throw new ScratchNotFound();
    return visible;
  }
}
