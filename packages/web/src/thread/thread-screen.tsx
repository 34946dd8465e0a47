// A thread: its posts (newest last; `j`/`k` move between them), follow/unfollow, and the reply composer
// (`r` focuses it).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link } from '../app/router';
import type { ScreenProps } from '../app/routes';
import { useSession } from '../app/session';
import { useShortcut } from '../app/shortcuts';
import { Composer } from '../composer/composer';
import type { BuildsOnChoice } from '../composer/composer';
import { ThreadDecisions } from '../decisions/thread-decisions';
import { usePeople } from '../composer/people';
import type { Post } from '../composer/types';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { useRovingFocus } from '../ui/roving-focus';
import { PostItem, postLabel } from './post-item';
import { ScratchBanner } from './scratch-banner';
import { markSeen } from './seen';

const pageSize = 100;

/** The posts of a thread, page by page (oldest first). */
function useThreadPosts(threadId: string) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.threadPosts(threadId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      expectData(
        await client.GET('/api/v1/threads/{id}/posts', {
          params: {
            path: { id: threadId },
            query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * Opened at `#post-<id>` (a search result, a link to a post): once that post is on the page, scrolls to it
 * and focuses it, once per thread and anchor. A pushState navigation does not scroll to the hash, and the
 * posts arrive after the first render anyway; this runs after the heading took focus.
 */
function useScrollToPostAnchor(threadId: string, isThreadShown: boolean, posts: readonly Post[]) {
  const done = useRef<string | null>(null);
  useEffect(() => {
    const hash = globalThis.location.hash;
    if (!isThreadShown || !hash.startsWith('#post-')) return;
    const key = `${threadId}${hash}`;
    if (done.current === key) return;
    let anchor: string;
    try {
      anchor = decodeURIComponent(hash.slice(1));
    } catch {
      return;
    }
    const target = document.getElementById(anchor);
    if (!target) return;
    done.current = key;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [threadId, isThreadShown, posts]);
}

/** The thread screen. */
export function ThreadScreen({ params }: ScreenProps) {
  const id = params.threadId ?? '';
  const { client } = useApi();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const people = usePeople();
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const [buildsOn, setBuildsOn] = useState<string[]>([]);
  const thread = useQuery({
    queryKey: queryKeys.thread(id),
    queryFn: async () => expectData(await client.GET('/api/v1/threads/{id}', { params: { path: { id } } })),
  });
  const posts = useThreadPosts(id);
  const follow = useMutation({
    mutationFn: async (following: boolean) => {
      const options = { params: { path: { id } } };
      return expectData(
        following
          ? await client.PUT('/api/v1/threads/{id}/follow', options)
          : await client.DELETE('/api/v1/threads/{id}/follow', options),
      );
    },
    onSuccess: (updated) => queryClient.setQueryData(queryKeys.thread(id), updated),
  });
  useShortcut('r', 'Reply', () => replyRef.current?.focus());
  const postsRef = useRef<HTMLDivElement>(null);
  useRovingFocus(postsRef, { noun: 'post' });
  useEffect(() => {
    if (thread.data) markSeen(thread.data.id, thread.data.lastPostAt);
  }, [thread.data]);

  const all = useMemo(() => posts.data?.pages.flatMap((page) => page.items) ?? [], [posts.data]);
  useScrollToPostAnchor(id, thread.isSuccess, all);
  const byId = useMemo(() => new Map(all.map((post) => [post.id, post])), [all]);
  const buildsOnChoices: BuildsOnChoice[] = buildsOn.map((postId) => ({
    id: postId,
    label: postLabel(byId.get(postId), people.data),
  }));
  const buildOn = (post: Post) => {
    setBuildsOn((current) => (current.includes(post.id) ? current : [...current, post.id]));
    replyRef.current?.focus();
  };

  if (thread.isPending) return <Loading />;
  if (thread.isError) return <ErrorMessage error={thread.error} />;
  const following = thread.data.isFollowing;
  return (
    <section className="screen thread-screen">
      <p className="breadcrumb">
        <Link
          to={`/channels/${encodeURIComponent(thread.data.scratch?.homeChannelId ?? thread.data.channelId)}`}
        >
          Back to the channel
        </Link>
      </p>
      <div className="thread-head">
        <ScreenHeading title={thread.data.title}>{thread.data.title}</ScreenHeading>
        <button
          type="button"
          onClick={() => follow.mutate(!following)}
          disabled={follow.isPending}
          aria-describedby="follow-hint"
        >
          {following ? 'Unfollow' : 'Follow'}
        </button>
      </div>
      {thread.data.scratch ? (
        <ScratchBanner threadId={thread.data.id} expiresAt={thread.data.scratch.expiresAt} />
      ) : null}
      <p id="follow-hint" className="hint">
        {following
          ? 'You follow this thread: new posts reach your inbox in your working hours.'
          : 'You do not follow this thread: only mentions and asks reach you.'}
      </p>
      <ErrorMessage error={follow.error} />
      {posts.isPending ? <Loading what="Loading the posts…" /> : null}
      <ErrorMessage error={posts.error} />
      <div className="posts" ref={postsRef}>
        {all.map((post) => (
          <PostItem
            key={post.id}
            post={post}
            meId={me?.person.id}
            people={people.data}
            byId={byId}
            onBuildOn={buildOn}
          />
        ))}
      </div>
      {posts.hasNextPage ? (
        <button type="button" onClick={() => void posts.fetchNextPage()} disabled={posts.isFetchingNextPage}>
          Show later posts
        </button>
      ) : null}
      <ThreadDecisions threadId={id} />
      <h2 className="composer-heading">Reply</h2>
      <Composer
        target={{ kind: 'thread', threadId: id }}
        meId={me?.person.id}
        withTitle={false}
        submitLabel="Send reply"
        buildsOn={buildsOnChoices}
        onRemoveBuildsOn={(postId) => setBuildsOn((current) => current.filter((b) => b !== postId))}
        onSent={() => setBuildsOn([])}
        textareaRef={replyRef}
      />
    </section>
  );
}
