import { assertAllowed } from '../access/index.js';
import { listReadableChannelIds } from '../channels/index.js';
import type { Caller } from '../../shared/caller.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Keyset, Page } from '../../shared/keyset-page.js';
import { parseHighlight, parseSearchTerms } from './search.domain.js';
import type { Highlight } from './search.domain.js';
import * as repo from './search.repository.js';
import type { Executor, FullTextSearch, SearchRow } from './search.repository.js';

/** A search: words, and optional filters. */
export interface SearchQuery {
  q: string;
  channelId?: string;
  authorId?: string;
  from?: number;
  to?: number;
  after?: Keyset;
  limit: number;
}

/** One result: a post or a thread title that matched, with its highlight. */
export interface SearchHit {
  kind: 'post' | 'thread';
  /** The post's id, or the thread's for a title match. */
  id: string;
  threadId: string;
  channelId: string;
  authorId: string;
  title: string;
  createdAt: string;
  highlight: Highlight;
}

const newestFirst = (a: SearchRow, b: SearchRow): number =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Full-text search over thread titles and posts, limited to what the caller may read. */
export class SearchService {
  constructor(
    private readonly db: Executor,
    private readonly fullText: FullTextSearch,
  ) {}

  async search(caller: Caller, query: SearchQuery): Promise<Page<SearchHit>> {
    assertAllowed(caller, 'search');
    const terms = parseSearchTerms(query.q);
    const readable = await listReadableChannelIds(this.db, caller);
    // A channel the caller may not read narrows to nothing, exactly like a channel that does not exist.
    const channelIds =
      query.channelId === undefined ? readable : readable.filter((id) => id === query.channelId);
    if (terms.length === 0 || channelIds.length === 0) return { items: [], nextCursor: null };
    const filter: repo.SearchFilter = {
      workspaceId: caller.workspaceId,
      channelIds,
      ...(query.authorId === undefined ? {} : { authorId: query.authorId }),
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
      ...(query.after === undefined ? {} : { after: query.after }),
      limit: query.limit + 1,
    };
    const [posts, threads] = await Promise.all([
      repo.searchPosts(this.db, this.fullText, terms, filter),
      repo.searchThreads(this.db, this.fullText, terms, filter),
    ]);
    const page = toPage([...posts, ...threads].sort(newestFirst), query.limit, (r) => ({
      key: r.createdAt,
      id: r.id,
    }));
    const ids = (kind: SearchRow['kind']) => page.items.filter((r) => r.kind === kind).map((r) => r.id);
    const [postMarks, threadMarks] = await Promise.all([
      this.fullText.highlightPosts(this.db, ids('post'), terms),
      this.fullText.highlightThreads(this.db, ids('thread'), terms),
    ]);
    return {
      items: page.items.map((row) => ({
        kind: row.kind,
        id: row.id,
        threadId: row.threadId,
        channelId: row.channelId,
        authorId: row.authorId,
        title: row.title,
        createdAt: new Date(row.createdAt).toISOString(),
        highlight: parseHighlight((row.kind === 'post' ? postMarks : threadMarks).get(row.id) ?? row.title),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
