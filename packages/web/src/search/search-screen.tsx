// Search: words plus filters (channel, author, a range of days) kept in the address; results with the
// matched words marked, a page at a time, each linking to its thread or post. Highlights are rendered from
// the server's text and ranges as text nodes and <mark>s, never as HTML.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link, navigate, useLocation } from '../app/router';
import { useChannels } from '../app/sidebar';
import { nameOf, usePeople } from '../composer/people';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { viewerTimeZone, wallClock } from '../ui/time-format';
import { highlightParts, readSearchForm, searchPath, searchQuery } from './search-query';
import type { SearchForm, SearchHit } from './search-query';

const pageSize = 20;

function useSearch(form: SearchForm) {
  const { client } = useApi();
  const query = searchQuery(form);
  return useInfiniteQuery({
    queryKey: queryKeys.search(query),
    enabled: query.q.length > 0,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      expectData(
        await client.GET('/api/v1/search', {
          params: { query: { ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Where a hit leads: its thread, at the post for a post. */
function hitPath(hit: SearchHit): string {
  const thread = `/threads/${encodeURIComponent(hit.threadId)}`;
  return hit.kind === 'post' ? `${thread}#post-${encodeURIComponent(hit.id)}` : thread;
}

function Highlight({ highlight }: { highlight: SearchHit['highlight'] }) {
  return (
    <p className="search-snippet">
      {highlightParts(highlight).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </p>
  );
}

function SearchResult({
  hit,
  author,
  channel,
}: {
  hit: SearchHit;
  author: string;
  channel: string | undefined;
}) {
  const headingId = useId();
  const zone = viewerTimeZone();
  return (
    <li>
      <article className="search-hit" aria-labelledby={headingId}>
        <h3 id={headingId} className="search-hit-title">
          <Link to={hitPath(hit)}>
            {hit.kind === 'post' ? 'Post in ' : ''}
            {hit.title}
          </Link>
        </h3>
        <p className="search-hit-meta muted">
          {hit.kind === 'post' ? 'Post' : 'Thread'} by {author}
          {channel ? <> in #{channel}</> : null} ·{' '}
          <time dateTime={hit.createdAt}>{wallClock(hit.createdAt, zone)}</time>
        </p>
        <Highlight highlight={hit.highlight} />
      </article>
    </li>
  );
}

/** The search screen (`/` opens it). */
export function SearchScreen() {
  const location = useLocation();
  const submitted = readSearchForm(location.search);
  const [form, setForm] = useState<SearchForm>(submitted);
  const [lastSearch, setLastSearch] = useState(location.search);
  // Back and forward change the address: the form follows it.
  if (lastSearch !== location.search) {
    setLastSearch(location.search);
    setForm(submitted);
  }
  const input = useRef<HTMLInputElement>(null);
  const channels = useChannels();
  const people = usePeople();
  const results = useSearch(submitted);
  const ids = useId();

  // Opened to search: the words box takes focus (after the heading announced the screen).
  const hadQuery = useRef(submitted.q !== '');
  useEffect(() => {
    if (!hadQuery.current) input.current?.focus();
  }, []);

  const set = (field: keyof SearchForm) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.q.trim()) {
      input.current?.focus();
      return;
    }
    navigate(searchPath(form));
  };

  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];
  const channelName = new Map((channels.data ?? []).map((channel) => [channel.id, channel.name]));
  const count = `${hits.length}${results.hasNextPage ? '+' : ''} result${hits.length === 1 ? '' : 's'}`;
  const rangeWrong = form.from !== '' && form.to !== '' && form.to < form.from;

  return (
    <section className="screen search-screen">
      <ScreenHeading title={submitted.q ? `Search: ${submitted.q}` : 'Search'}>Search</ScreenHeading>
      <form role="search" aria-label="Threads and posts" className="search-form" onSubmit={onSubmit}>
        <div className="field search-words">
          <label htmlFor={`${ids}-q`}>Words to find</label>
          <div className="search-words-row">
            <input
              ref={input}
              id={`${ids}-q`}
              type="search"
              name="q"
              value={form.q}
              maxLength={500}
              autoComplete="off"
              aria-describedby={`${ids}-q-hint`}
              onChange={set('q')}
            />
            <button type="submit" className="primary" disabled={rangeWrong}>
              Search
            </button>
          </div>
          <span id={`${ids}-q-hint`} className="hint">
            Every word must match, in thread titles and posts.
          </span>
        </div>
        <fieldset className="search-filters">
          <legend>Filters</legend>
          <div className="field">
            <label htmlFor={`${ids}-channel`}>Channel</label>
            <select id={`${ids}-channel`} value={form.channel} onChange={set('channel')}>
              <option value="">Any channel</option>
              {(channels.data ?? []).map((channel) => (
                <option key={channel.id} value={channel.id}>
                  #{channel.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-author`}>Author</label>
            <select id={`${ids}-author`} value={form.author} onChange={set('author')}>
              <option value="">Anyone</option>
              {(people.data ?? []).map((person) => (
                <option key={person.id} value={person.id}>
                  {person.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-from`}>Written from</label>
            <input id={`${ids}-from`} type="date" value={form.from} onChange={set('from')} />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-to`}>Until (inclusive)</label>
            <input
              id={`${ids}-to`}
              type="date"
              value={form.to}
              min={form.from || undefined}
              aria-invalid={rangeWrong || undefined}
              aria-describedby={rangeWrong ? `${ids}-range` : undefined}
              onChange={set('to')}
            />
          </div>
          {rangeWrong ? (
            <p id={`${ids}-range`} className="error search-range-error" role="alert">
              The last day is before the first.
            </p>
          ) : null}
        </fieldset>
      </form>

      <h2 className="visually-hidden">Results</h2>
      {submitted.q === '' ? (
        <p className="muted">Type some words and press Enter; filters narrow the results.</p>
      ) : null}
      {submitted.q !== '' && results.isPending ? <Loading what="Searching…" /> : null}
      <ErrorMessage error={results.error} />
      <p className="muted search-count" role="status">
        {results.isSuccess && hits.length > 0 ? count : ''}
      </p>
      {results.isSuccess && hits.length === 0 ? (
        <p className="muted">Nothing matches. Try fewer words or wider filters.</p>
      ) : null}
      {hits.length > 0 ? (
        <ul className="item-list search-results" aria-label="Results">
          {hits.map((hit) => (
            <SearchResult
              key={`${hit.kind}:${hit.id}`}
              hit={hit}
              author={nameOf(people.data, hit.authorId)}
              channel={channelName.get(hit.channelId)}
            />
          ))}
        </ul>
      ) : null}
      {results.hasNextPage ? (
        <button
          type="button"
          onClick={() => void results.fetchNextPage()}
          disabled={results.isFetchingNextPage}
        >
          {results.isFetchingNextPage ? 'Loading more…' : 'More results'}
        </button>
      ) : null}
    </section>
  );
}
