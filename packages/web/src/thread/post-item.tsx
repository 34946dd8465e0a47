// One post of a thread: author and time, the server's sanitised HTML (or a tombstone), edit history,
// "builds on" / "built on by" links, asks with their state and due time (answer or decline mine), the
// interrupt marker with its reason (all from the page: no request per post), reactions, and for my own
// posts edit and delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { bothClocks } from '../composer/landing-preview';
import { nameOf } from '../composer/people';
import type { Person, Post } from '../composer/types';
import { ErrorMessage } from '../ui/error-message';
import { rovingItemProps } from '../ui/roving-focus';
import { TextField } from '../ui/text-field';
import { viewerTimeZone, wallClock } from '../ui/time-format';
import { Reactions } from './reactions';

/** The element id of a post, for "builds on" links. */
export const postAnchor = (id: string) => `post-${id}`;

/** "Ana’s post at 14:02 Tue": how other posts name this one. */
export function postLabel(post: Post | undefined, people: Person[] | undefined): string {
  if (!post) return 'an earlier post';
  return `${nameOf(people, post.authorId)}’s post at ${wallClock(post.createdAt, viewerTimeZone())}`;
}

const ifMatch = (post: Post) => ({ 'If-Match': `"${post.version}"` });

function PostLinks({
  label,
  ids,
  byId,
  people,
}: {
  label: string;
  ids: string[];
  byId: Map<string, Post>;
  people: Person[] | undefined;
}) {
  if (ids.length === 0) return null;
  return (
    <p className="post-links">
      {label}{' '}
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : null}
          <a href={`#${postAnchor(id)}`}>{postLabel(byId.get(id), people)}</a>
        </span>
      ))}
    </p>
  );
}

type PostAsk = Post['asks'][number];

/** Answer or decline (with a reason the asker sees) an ask addressed to me. */
function MyAskActions({ ask, threadId }: { ask: PostAsk; threadId: string }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const close = useMutation({
    mutationFn: async (change: { state: 'answered' } | { state: 'declined'; reason: string }) => {
      const params = { params: { path: { id: ask.id } } };
      return expectData(
        change.state === 'answered'
          ? await client.POST('/api/v1/asks/{id}/answer', params)
          : await client.POST('/api/v1/asks/{id}/decline', { ...params, body: { reason: change.reason } }),
      );
    },
    onSuccess: async () => {
      setDeclining(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.threadPosts(threadId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.inbox }),
      ]);
    },
  });
  return (
    <div className="ask-actions">
      {declining ? (
        <form
          className="form ask-decline"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) close.mutate({ state: 'declined', reason: reason.trim() });
          }}
        >
          <TextField
            label="Why you decline (the asker sees it)"
            value={reason}
            maxLength={500}
            required
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="primary" disabled={close.isPending}>
            Decline
          </button>
          <button type="button" onClick={() => setDeclining(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <button
            type="button"
            onClick={() => close.mutate({ state: 'answered' })}
            disabled={close.isPending}
          >
            Mark answered
          </button>
          <button type="button" onClick={() => setDeclining(true)} disabled={close.isPending}>
            Decline…
          </button>
        </>
      )}
      <ErrorMessage error={close.error} />
    </div>
  );
}

/** The post's asks (state, due time in their zone and mine) and its interrupt, as the page gives them. */
function AsksAndInterrupt({
  post,
  meId,
  people,
}: {
  post: Post;
  meId: string | undefined;
  people: Person[] | undefined;
}) {
  const { interrupt, asks } = post;
  return (
    <>
      {interrupt ? (
        <p className="interrupt-marker">
          <strong>{interrupt.emergency ? 'Emergency interrupt' : 'Interrupt'}</strong>: {interrupt.reason}
        </p>
      ) : null}
      {asks.length > 0 ? (
        <ul className="asks" aria-label="Asks">
          {asks.map((ask) => (
            <li key={ask.id} className={`ask ask-${ask.state}`}>
              Asked {ask.personId === meId ? 'you' : nameOf(people, ask.personId)} ({ask.level}):{' '}
              <span className="ask-state">{ask.state}</span>
              {ask.dueAt && ask.state === 'open' ? <> · due {bothClocks(ask.dueAt)}</> : null}
              {ask.personId === meId && ask.state === 'open' ? (
                <MyAskActions ask={ask} threadId={post.threadId} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function History({ post, people }: { post: Post; people: Person[] | undefined }) {
  const { client } = useApi();
  const versions = useQuery({
    queryKey: [...queryKeys.postVersions(post.id), post.version],
    queryFn: async () =>
      expectData(
        await client.GET('/api/v1/posts/{id}/versions', {
          params: { path: { id: post.id }, query: { limit: 200 } },
        }),
      ),
  });
  if (versions.isPending) return <p className="muted">Loading the history…</p>;
  if (versions.isError) return <ErrorMessage error={versions.error} />;
  return (
    <ol className="post-history" aria-label="Edit history">
      {versions.data.items.map((version) => (
        <li key={version.version} className="history-version">
          <p className="muted">
            Version {version.version}, {nameOf(people, version.editedBy)} at{' '}
            <time dateTime={version.createdAt}>{wallClock(version.createdAt, viewerTimeZone())}</time>
          </p>
          {/* The server's sanitised rendering of that version's markdown. */}
          <div className="post-body" dangerouslySetInnerHTML={{ __html: version.html }} />
        </li>
      ))}
    </ol>
  );
}

/** One post; `onBuildOn` puts it into the composer's "builds on". */
export function PostItem({
  post,
  meId,
  people,
  byId,
  onBuildOn,
}: {
  post: Post;
  meId: string | undefined;
  people: Person[] | undefined;
  byId: Map<string, Post>;
  onBuildOn: (post: Post) => void;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const headingId = useId();
  const editId = useId();
  const [mode, setMode] = useState<'read' | 'edit' | 'confirm-delete'>('read');
  const [showHistory, setShowHistory] = useState(false);
  const [text, setText] = useState(post.markdown);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.threadPosts(post.threadId) });
  const edit = useMutation({
    mutationFn: async () =>
      expectData(
        await client.PATCH('/api/v1/posts/{id}', {
          params: { path: { id: post.id }, header: ifMatch(post) },
          body: { markdown: text, mentions: post.mentions, buildsOn: post.buildsOn },
        }),
      ),
    onSuccess: async () => {
      setMode('read');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async () =>
      expectData(
        await client.DELETE('/api/v1/posts/{id}', {
          params: { path: { id: post.id }, header: ifMatch(post) },
        }),
      ),
    onSuccess: async () => {
      setMode('read');
      await refresh();
    },
  });
  const mine = meId !== undefined && post.authorId === meId;
  const author = nameOf(people, post.authorId);
  const edited = post.version > 1 || post.editedAt !== null;
  return (
    <article id={postAnchor(post.id)} className="post" aria-labelledby={headingId} {...rovingItemProps}>
      <header className="post-head">
        <h2 id={headingId} className="post-author">
          {author}
        </h2>
        <time dateTime={post.createdAt} className="muted">
          {wallClock(post.createdAt, viewerTimeZone())}
        </time>
        {edited && !post.deleted ? (
          <button
            type="button"
            className="link-button"
            aria-expanded={showHistory}
            onClick={() => setShowHistory(!showHistory)}
          >
            Edited · history
          </button>
        ) : null}
      </header>
      {post.deleted ? (
        <p className="tombstone">This post was deleted.</p>
      ) : mode === 'edit' ? (
        <form
          className="form post-edit"
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim()) edit.mutate();
          }}
        >
          <label htmlFor={editId}>Edit your post</label>
          <textarea
            id={editId}
            rows={5}
            value={text}
            maxLength={40_000}
            onChange={(event) => setText(event.target.value)}
          />
          <ErrorMessage error={edit.error} />
          <div className="post-edit-buttons">
            <button type="submit" className="primary" disabled={edit.isPending}>
              Save
            </button>
            <button type="button" onClick={() => setMode('read')}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        // The server's sanitised HTML of the post (the only HTML the app renders).
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      )}
      {showHistory && !post.deleted ? <History post={post} people={people} /> : null}
      {!post.deleted ? <AsksAndInterrupt post={post} meId={meId} people={people} /> : null}
      <PostLinks label="Builds on" ids={post.buildsOn} byId={byId} people={people} />
      <PostLinks label="Built on by" ids={post.builtOnBy} byId={byId} people={people} />
      {!post.deleted ? (
        <footer className="post-actions">
          <Reactions post={post} />
          <button type="button" onClick={() => onBuildOn(post)}>
            Build on this
          </button>
          {mine && mode === 'read' ? (
            <>
              <button
                type="button"
                onClick={() => {
                  setText(post.markdown);
                  setMode('edit');
                }}
              >
                Edit
              </button>
              <button type="button" onClick={() => setMode('confirm-delete')}>
                Delete
              </button>
            </>
          ) : null}
          {mode === 'confirm-delete' ? (
            <span className="post-confirm" role="group" aria-label="Delete this post?">
              <span>Delete this post? A note that it was deleted stays.</span>
              <button
                type="button"
                className="danger"
                onClick={() => remove.mutate()}
                disabled={remove.isPending}
              >
                Yes, delete
              </button>
              <button type="button" onClick={() => setMode('read')}>
                Keep it
              </button>
            </span>
          ) : null}
          <ErrorMessage error={remove.error} />
        </footer>
      ) : null}
    </article>
  );
}
