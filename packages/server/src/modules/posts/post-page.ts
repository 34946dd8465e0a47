import { loadVisibleThread } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import * as relations from './post-relation.repository.js';
import * as repo from './post.repository.js';
import type { Executor } from './post.repository.js';
import { buildPostViews } from './post-view.js';
import type { PostView } from './post-view.js';

/** How much a process keeps of serialized thread pages, by default. */
export const defaultPageCacheLimits = { maxBytes: 32 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024 };

interface CachedPage {
  version: number;
  body: Buffer;
}

/**
 * Serialized pages of thread posts, each kept with the thread's page version it was built at and given
 * back only while the version is still the same. Least recently used pages go first once the total
 * exceeds `maxBytes`; a page over `maxEntryBytes` is not kept.
 */
export class ThreadPageCache {
  readonly #pages = new Map<string, CachedPage>();
  #bytes = 0;

  constructor(readonly limits: { maxBytes: number; maxEntryBytes: number } = defaultPageCacheLimits) {}

  /** The page kept under `key` when it was built at `version`; a page of another version is dropped. */
  get(key: string, version: number): Buffer | undefined {
    const page = this.#pages.get(key);
    if (page === undefined) return undefined;
    this.#pages.delete(key);
    if (page.version !== version) {
      this.#bytes -= page.body.length;
      return undefined;
    }
    this.#pages.set(key, page);
    return page.body;
  }

  /** Keeps a page built at `version`, in place of any other under `key`. */
  set(key: string, version: number, body: Buffer): void {
    const old = this.#pages.get(key);
    if (old !== undefined) {
      this.#pages.delete(key);
      this.#bytes -= old.body.length;
    }
    if (body.length > this.limits.maxEntryBytes) return;
    this.#pages.set(key, { version, body });
    this.#bytes += body.length;
    for (const [oldest, page] of this.#pages) {
      if (this.#bytes <= this.limits.maxBytes) break;
      this.#pages.delete(oldest);
      this.#bytes -= page.body.length;
    }
  }

  /** How many pages, and how many bytes, are kept. */
  get size(): { pages: number; bytes: number } {
    return { pages: this.#pages.size, bytes: this.#bytes };
  }
}

/**
 * A page of a thread's posts as read for the HTTP route: either the serialized page kept from an earlier
 * request, or a fresh page, with `keep` to call with its serialization when it may be kept.
 */
export type ThreadPageRead = { body: Buffer } | { page: Page<PostView>; keep?: (serialized: string) => void };

/**
 * Reads pages of a thread's posts, keeping each caller's serialized pages while nothing they show changed.
 *
 * Every request still authenticates (before this runs) and loads the thread through `loadVisibleThread`,
 * so who may see the thread is decided afresh each time, in the same query that reads the thread's page
 * version. Triggers move that version in the transaction of every write that changes what a page shows
 * (migrations/2026-12-01T0900_thread_page_version.ts), so a write by any process invalidates the pages
 * every process keeps. A kept page is only served to the caller it was built for (person, role,
 * workspace), for the same cursor and limit: `reactedByMe`, lineage filtered by the reader's access and the
 * signed `nextCursor` are theirs. The one thing a page shows that the thread's version does not cover is
 * lineage to posts in other channels (the reader's access to those can change); such pages are never kept.
 */
export class ThreadPageReader {
  constructor(
    private readonly db: Executor,
    readonly cache: ThreadPageCache = new ThreadPageCache(),
  ) {}

  async read(caller: Caller, threadId: string, request: PageRequest): Promise<ThreadPageRead> {
    const { thread, pageVersion } = await loadVisibleThread(this.db, caller, threadId);
    const after = request.after
      ? `${typeof request.after.key}:${request.after.key}\n${request.after.id}`
      : '';
    const key = [caller.workspaceId, thread.id, caller.personId, caller.role, request.limit, after].join(
      '\n',
    );
    const body = this.cache.get(key, pageVersion);
    if (body !== undefined) return { body };

    const rows = await repo.listPosts(this.db, caller.workspaceId, thread, {
      ...request,
      limit: request.limit + 1,
    });
    const result = toPage(rows, request.limit, (p) => ({ key: p.createdAt, id: p.id }));
    const page = {
      items: await buildPostViews(this.db, caller, result.items),
      nextCursor: result.nextCursor,
    };
    const first = result.items[0];
    const last = result.items.at(-1);
    if (first && last) {
      const range = { workspaceId: caller.workspaceId, threadId, from: first.createdAt, to: last.createdAt };
      if (await relations.hasLinkBeyondChannel(this.db, range, thread.channelId)) return { page };
    }
    return { page, keep: (serialized) => this.cache.set(key, pageVersion, Buffer.from(serialized, 'utf8')) };
  }
}
