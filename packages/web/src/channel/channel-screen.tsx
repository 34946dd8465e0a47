// A channel: its threads (title, last activity, what is new for me) and "New thread" with the composer.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link, navigate } from '../app/router';
import type { ScreenProps } from '../app/routes';
import { useSession } from '../app/session';
import { Composer } from '../composer/composer';
import { readDraft } from '../composer/draft';
import type { Thread } from '../composer/types';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { timeAgo, viewerTimeZone, wallClock } from '../ui/time-format';
import { seenAt } from '../thread/seen';
import { useInboxFirstPage } from '../thread/inbox-items';

const pageSize = 50;

function useChannelThreads(channelId: string) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.channelThreads(channelId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      expectData(
        await client.GET('/api/v1/channels/{id}/threads', {
          params: {
            path: { id: channelId },
            query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** What is new for me in a thread: items waiting in my inbox, or activity since I last opened it. */
function newness(thread: Thread, inboxCount: number, meId: string | undefined): string | null {
  if (inboxCount > 0) return `${inboxCount} new for you`;
  const seen = seenAt(thread.id);
  if (seen === null) return thread.authorId === meId ? null : 'Not opened yet';
  return thread.lastPostAt > seen ? 'New posts since your last visit' : null;
}

/** The channel screen. */
export function ChannelScreen({ params }: ScreenProps) {
  const { client } = useApi();
  const { me } = useSession();
  const id = params.channelId ?? '';
  const target = { kind: 'channel', channelId: id } as const;
  const [composing, setComposing] = useState(() => readDraft(target) !== null);
  const channel = useQuery({
    queryKey: queryKeys.channel(id),
    queryFn: async () => expectData(await client.GET('/api/v1/channels/{id}', { params: { path: { id } } })),
  });
  const threads = useChannelThreads(id);
  const inbox = useInboxFirstPage();
  if (channel.isPending) return <Loading />;
  if (channel.isError) return <ErrorMessage error={channel.error} />;
  const inboxByThread = new Map<string, number>();
  for (const item of inbox.data ?? [])
    inboxByThread.set(item.threadId, (inboxByThread.get(item.threadId) ?? 0) + 1);
  const all = threads.data?.pages.flatMap((page) => page.items) ?? [];
  const zone = viewerTimeZone();
  return (
    <section className="screen channel-screen">
      <div className="thread-head">
        <ScreenHeading title={channel.data.name}>{channel.data.name}</ScreenHeading>
        <button
          type="button"
          className={composing ? undefined : 'primary'}
          aria-expanded={composing}
          aria-controls="new-thread"
          onClick={() => setComposing(!composing)}
        >
          New thread
        </button>
      </div>
      {channel.data.description ? <p>{channel.data.description}</p> : null}
      {composing ? (
        <div id="new-thread" className="new-thread">
          <h2>New thread</h2>
          <Composer
            target={target}
            meId={me?.person.id}
            withTitle
            submitLabel="Start thread"
            onSent={(sent) => {
              setComposing(false);
              if (sent.thread) navigate(`/threads/${encodeURIComponent(sent.thread.id)}`);
            }}
          />
        </div>
      ) : null}
      <h2 className="visually-hidden">Threads</h2>
      {threads.isPending ? <Loading what="Loading the threads…" /> : null}
      <ErrorMessage error={threads.error} />
      {threads.isSuccess && all.length === 0 ? (
        <p className="muted">No threads yet. Start one with “New thread”.</p>
      ) : null}
      <ul className="item-list thread-list" aria-label="Threads">
        {all.map((thread) => {
          const news = newness(thread, inboxByThread.get(thread.id) ?? 0, me?.person.id);
          return (
            <li key={thread.id} className={news ? 'thread-row is-new' : 'thread-row'}>
              <Link to={`/threads/${encodeURIComponent(thread.id)}`} className="thread-title">
                {thread.title}
              </Link>
              <span className="thread-meta muted">
                Last activity{' '}
                <time dateTime={thread.lastPostAt} title={wallClock(thread.lastPostAt, zone)}>
                  {timeAgo(thread.lastPostAt)}
                </time>
                {thread.isFollowing ? ' · following' : null}
              </span>
              {news ? <span className="thread-news">{news}</span> : null}
            </li>
          );
        })}
      </ul>
      {threads.hasNextPage ? (
        <button
          type="button"
          onClick={() => void threads.fetchNextPage()}
          disabled={threads.isFetchingNextPage}
        >
          Show more threads
        </button>
      ) : null}
    </section>
  );
}
