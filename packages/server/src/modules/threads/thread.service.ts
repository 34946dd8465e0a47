import { assertAllowed } from '../access/index.js';
import { asVisibleChannel, loadVisibleChannel } from '../channels/index.js';
import type { VisibleChannel } from '../channels/index.js';
import type { Caller } from '../../shared/caller.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { ThreadNotFound } from './thread.errors.js';
import * as repo from './thread.repository.js';
import type { Executor, ThreadWithFollow } from './thread.repository.js';

/** A thread as the API shows it to one caller. */
export interface ThreadView {
  id: string;
  channelId: string;
  title: string;
  authorId: string;
  createdAt: string;
  lastPostAt: string;
  isFollowing: boolean;
  /** Set on a scratch thread (modules/scratch): when it expires and the channel it would be promoted into. */
  scratch: { expiresAt: string; homeChannelId: string } | null;
}

/** A thread the caller may see, and its channel. */
export interface VisibleThread {
  thread: ThreadWithFollow;
  channel: VisibleChannel;
  /** Moves with every change to what a page of the thread's posts shows (a cache's validator). */
  pageVersion: number;
}

/** The API view of a thread row. */
export function toThreadView(t: ThreadWithFollow): ThreadView {
  return {
    id: t.id,
    channelId: t.channelId,
    title: t.title,
    authorId: t.authorId,
    createdAt: new Date(t.createdAt).toISOString(),
    lastPostAt: new Date(t.lastPostAt).toISOString(),
    isFollowing: t.isFollowing,
    scratch:
      t.expiresAt != null && t.homeChannelId != null
        ? { expiresAt: new Date(t.expiresAt).toISOString(), homeChannelId: t.homeChannelId }
        : null,
  };
}

/**
 * Loads a thread of the caller's workspace in a channel the caller may see. Missing, foreign and hidden
 * threads all throw the same {@link ThreadNotFound}.
 */
export async function loadVisibleThread(
  db: Executor,
  caller: Caller,
  threadId: string,
): Promise<VisibleThread> {
  const found = await repo.findThreadInChannel(db, caller.workspaceId, caller.personId, threadId);
  const channel = found && asVisibleChannel(caller, found.channel);
  if (!found || !channel) throw new ThreadNotFound();
  return { thread: found.thread, channel, pageVersion: found.pageVersion };
}

/** Threads: list by activity, read, rename, follow and unfollow. Starting a thread is the posts module's. */
export class ThreadService {
  constructor(
    private readonly db: Executor,
    private readonly now: () => number = Date.now,
  ) {}

  async list(caller: Caller, channelId: string, page: PageRequest): Promise<Page<ThreadView>> {
    await loadVisibleChannel(this.db, caller, channelId);
    const rows = await repo.listThreads(this.db, caller.workspaceId, caller.personId, channelId, {
      ...page,
      limit: page.limit + 1,
    });
    const result = toPage(rows, page.limit, (t) => ({ key: t.lastPostAt, id: t.id }));
    return { items: result.items.map(toThreadView), nextCursor: result.nextCursor };
  }

  async get(caller: Caller, threadId: string): Promise<ThreadView> {
    return toThreadView((await loadVisibleThread(this.db, caller, threadId)).thread);
  }

  async rename(caller: Caller, threadId: string, title: string): Promise<ThreadView> {
    return this.db.transaction().execute(async (tx) => {
      const { thread, channel } = await loadVisibleThread(tx, caller, threadId);
      assertAllowed(caller, 'thread.edit', { channel: channel.facts, authorId: thread.authorId }, 'thread');
      await repo.renameThread(tx, threadId, title);
      return toThreadView({ ...thread, title });
    });
  }

  async setFollowing(caller: Caller, threadId: string, following: boolean): Promise<ThreadView> {
    return this.db.transaction().execute(async (tx) => {
      const { thread, channel } = await loadVisibleThread(tx, caller, threadId);
      assertAllowed(caller, 'thread.follow', { channel: channel.facts }, 'thread');
      if (following) await repo.addFollowers(tx, threadId, [caller.personId], this.now());
      else await repo.removeFollower(tx, threadId, caller.personId);
      return toThreadView({ ...thread, isFollowing: following });
    });
  }
}
