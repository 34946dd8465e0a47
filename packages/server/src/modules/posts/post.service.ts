import { assertAllowed } from '../access/index.js';
import { assertPeopleCanSeeChannel, listReadableChannelIds, loadVisibleChannel } from '../channels/index.js';
import type { VisibleChannel } from '../channels/index.js';
import {
  addFollowers,
  insertThread,
  loadVisibleThread,
  toThreadView,
  touchThread,
} from '../threads/index.js';
import type { ThreadView } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import type {
  AskRequest,
  DeliveryPlanner,
  InterruptRequest,
  RecipientLanding,
} from '../../shared/delivery-planner.js';
import { newId } from '../../shared/new-id.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { isEarlier, isIfMatchSatisfied } from './post.domain.js';
import type { ReactionEmoji } from './post.domain.js';
import { InterruptInScratch, InvalidBuildsOn, PostDeleted, PostNotFound, StalePost } from './post.errors.js';
import { renderMarkdown } from './post.markdown.js';
import { assertChannelMentionEditAllowed, findChannelMentionRecipients } from './post-channel-mention.js';
import * as relations from './post-relation.repository.js';
import * as repo from './post.repository.js';
import type { Executor, PostWithChannel, ViewablePost } from './post.repository.js';
import { buildPostViews, newPostView, toVersionView, withAsksAndInterrupt } from './post-view.js';
import type { PostVersionView, PostView } from './post-view.js';

/** What a new post says. */
export interface PostInput {
  markdown: string;
  mentions?: string[];
  buildsOn?: string[];
  /** People asked for a reply, with a level (new posts only). */
  asks?: AskRequest[];
  /** Send as an interrupt, with a written reason (new posts only). */
  interrupt?: InterruptRequest;
}

/** A new post, with when it lands for each recipient when a delivery planner is installed. */
export type WrittenPost = PostView & { landing?: RecipientLanding[] };

/** What an edit changes; absent lists stay as they were. */
export type PostEdit = PostInput;

/** Loads a post of the caller's workspace in a channel the caller may see; otherwise {@link PostNotFound}. */
export async function loadVisiblePost(db: Executor, caller: Caller, postId: string) {
  const post = await repo.findPost(db, caller.workspaceId, postId);
  if (!post) throw new PostNotFound();
  try {
    return { post, channel: await loadVisibleChannel(db, caller, post.channelId) };
  } catch {
    throw new PostNotFound();
  }
}

/** Posts: start a thread, reply, read, edit with history, delete to a tombstone, react. */
export class PostService {
  constructor(
    private readonly db: Executor,
    private readonly now: () => number = Date.now,
    /** Plans each new post's deliveries in its transaction (modules/deliveries); none in some tests. */
    private readonly planner?: DeliveryPlanner<Executor, VisibleChannel>,
  ) {}

  /** Starts a thread with its title and first post in one step (PRODUCT.md "Cheap titles"). */
  async startThread(
    caller: Caller,
    channelId: string,
    input: PostInput & { title: string },
  ): Promise<{ thread: ThreadView; post: WrittenPost }> {
    return this.db.transaction().execute((tx) => this.startThreadIn(tx, caller, channelId, input));
  }

  /**
   * {@link startThread} inside the caller's transaction, for modules that start a thread together with
   * their own writes (an idea promoted into a thread).
   */
  async startThreadIn(
    tx: Executor,
    caller: Caller,
    channelId: string,
    input: PostInput & { title: string },
  ): Promise<{ thread: ThreadView; post: WrittenPost }> {
    const channel = await loadVisibleChannel(tx, caller, channelId);
    assertAllowed(caller, 'channel.post', { channel: channel.facts }, 'channel');
    const at = this.now();
    const thread = {
      id: newId(at),
      workspaceId: caller.workspaceId,
      channelId,
      title: input.title,
      authorId: caller.personId,
      createdAt: at,
      lastPostAt: at,
    };
    await insertThread(tx, thread);
    const post = await this.writePost(tx, caller, channel, thread.id, input, at);
    return { thread: toThreadView({ ...thread, isFollowing: true }), post };
  }

  /** Adds a post to a thread. */
  async reply(caller: Caller, threadId: string, input: PostInput): Promise<WrittenPost> {
    return this.db.transaction().execute((tx) => this.replyIn(tx, caller, threadId, input));
  }

  /** {@link reply} inside the caller's transaction (a check-in's round summary, posted by its job). */
  async replyIn(tx: Executor, caller: Caller, threadId: string, input: PostInput): Promise<WrittenPost> {
    const { channel } = await loadVisibleThread(tx, caller, threadId);
    assertAllowed(caller, 'channel.post', { channel: channel.facts }, 'channel');
    const at = this.now();
    const post = await this.writePost(tx, caller, channel, threadId, input, at);
    await touchThread(tx, threadId, at);
    return post;
  }

  async get(caller: Caller, postId: string): Promise<PostView> {
    const { post } = await loadVisiblePost(this.db, caller, postId);
    return (await this.views(caller, [post]))[0]!;
  }

  /** Edits a post's text (author only), keeping the old version; `ifMatch` is the request's `If-Match`. */
  async edit(caller: Caller, postId: string, input: PostEdit, ifMatch?: string): Promise<PostView> {
    return this.db.transaction().execute(async (tx) => {
      const { post, channel } = await loadVisiblePost(tx, caller, postId);
      assertAllowed(caller, 'post.edit', { channel: channel.facts, authorId: post.authorId }, 'post');
      if (post.deletedAt !== null) throw new PostDeleted();
      if (!isIfMatchSatisfied(ifMatch, post.version)) throw new StalePost();
      await assertChannelMentionEditAllowed(tx, caller.workspaceId, post.markdown, input.markdown);
      const at = this.now();
      const html = renderMarkdown(input.markdown);
      if (
        !(await repo.updatePostText(tx, postId, post.version, {
          markdown: input.markdown,
          html,
          editedAt: at,
        }))
      ) {
        throw new StalePost();
      }
      const version = post.version + 1;
      await repo.insertVersion(tx, {
        postId,
        version,
        markdown: input.markdown,
        html,
        editedBy: caller.personId,
        createdAt: at,
      });
      await this.writeRelations(tx, caller, channel, post, input, at);
      return (
        await this.views(caller, [{ ...post, markdown: input.markdown, html, version, editedAt: at }], tx)
      )[0]!;
    });
  }

  /** Deletes a post (author or admin): a tombstone stays, its text and history go. */
  async delete(caller: Caller, postId: string): Promise<PostView> {
    return this.db.transaction().execute(async (tx) => {
      const { post, channel } = await loadVisiblePost(tx, caller, postId);
      assertAllowed(caller, 'post.delete', { channel: channel.facts, authorId: post.authorId }, 'post');
      const at = post.deletedAt ?? this.now();
      if (post.deletedAt === null) {
        await repo.tombstonePost(tx, postId, caller.personId, at);
        await relations.replaceMentions(tx, postId, []);
        await relations.removeAllReactions(tx, postId);
      }
      return (await this.views(caller, [{ ...post, markdown: '', html: '', deletedAt: at }], tx))[0]!;
    });
  }

  /** A page of a post's versions, oldest first; a deleted post has none. */
  async versions(caller: Caller, postId: string, page: PageRequest): Promise<Page<PostVersionView>> {
    const { post } = await loadVisiblePost(this.db, caller, postId);
    if (post.deletedAt !== null) return { items: [], nextCursor: null };
    const rows = await repo.listVersions(this.db, postId, { ...page, limit: page.limit + 1 });
    const result = toPage(rows, page.limit, (v) => ({ key: v.version, id: v.postId }));
    return { items: result.items.map(toVersionView), nextCursor: result.nextCursor };
  }

  /** Adds or removes the caller's reaction. */
  async react(caller: Caller, postId: string, emoji: ReactionEmoji, on: boolean): Promise<PostView> {
    return this.db.transaction().execute(async (tx) => {
      const { post, channel } = await loadVisiblePost(tx, caller, postId);
      assertAllowed(caller, 'post.react', { channel: channel.facts }, 'post');
      if (post.deletedAt !== null) throw new PostDeleted();
      if (on) await relations.addReaction(tx, postId, caller.personId, emoji, this.now());
      else await relations.removeReaction(tx, postId, caller.personId, emoji);
      return (await this.views(caller, [post], tx))[0]!;
    });
  }

  private async writePost(
    tx: Executor,
    caller: Caller,
    channel: VisibleChannel,
    threadId: string,
    input: PostInput,
    at: number,
  ): Promise<WrittenPost> {
    if (input.interrupt !== undefined && channel.channel.isScratch) throw new InterruptInScratch();
    // Before anything is written: a whole-channel mention the agreement forbids refuses the post.
    const everyone = await findChannelMentionRecipients(tx, caller, channel, input.markdown);
    const row = {
      id: newId(at),
      workspaceId: caller.workspaceId,
      threadId,
      authorId: caller.personId,
      markdown: input.markdown,
      html: renderMarkdown(input.markdown),
      version: 1,
      createdAt: at,
      editedAt: null,
      deletedAt: null,
      deletedBy: null,
    };
    const post = { ...row, channelId: channel.channel.id };
    await repo.insertPost(tx, row);
    await addFollowers(tx, threadId, [caller.personId], at);
    await this.writeRelations(tx, caller, channel, post, input, at);
    // Reached by a whole-channel mention: they follow the thread and are delivered to like a person
    // mentioned (in their own slot), but are not listed among the post's `mentions`.
    await addFollowers(tx, threadId, everyone, at);
    const view = newPostView(post, input.mentions, input.buildsOn);
    if (!this.planner) return view;
    // They are followers by now, so the planner reaches them as followers: in their slot, never as an
    // interrupt, even when the post interrupts the people it names.
    const landing = await this.planner.planPost(tx, caller, channel, {
      postId: post.id,
      threadId,
      channelId: post.channelId,
      mentions: input.mentions ?? [],
      asks: input.asks ?? [],
      interrupt: input.interrupt,
    });
    const planned =
      input.asks?.length || input.interrupt ? await withAsksAndInterrupt(tx, caller, view) : view;
    return { ...planned, landing };
  }

  // Mentioned people must be able to read the channel; they follow the thread. Built-on posts must be
  // earlier posts the caller can see.
  private async writeRelations(
    tx: Executor,
    caller: Caller,
    channel: VisibleChannel,
    post: PostWithChannel,
    input: PostInput,
    at: number,
  ): Promise<void> {
    if (input.mentions !== undefined) {
      await assertPeopleCanSeeChannel(tx, caller, channel, input.mentions, 'body.mentions');
      await relations.replaceMentions(tx, post.id, input.mentions);
      await addFollowers(tx, post.threadId, input.mentions, at);
    }
    if (input.buildsOn !== undefined) {
      const readable = await listReadableChannelIds(tx, caller);
      const found = new Map(
        (await repo.findPostsIn(tx, caller.workspaceId, input.buildsOn, readable)).map((p) => [p.id, p]),
      );
      input.buildsOn.forEach((id, index) => {
        const target = found.get(id);
        if (!target || !isEarlier(target, post)) throw new InvalidBuildsOn(index);
      });
      await relations.replaceLinks(tx, caller.workspaceId, post.id, input.buildsOn, at);
    }
  }

  private views(caller: Caller, posts: ViewablePost[], db: Executor = this.db): Promise<PostView[]> {
    return buildPostViews(db, caller, posts);
  }
}
