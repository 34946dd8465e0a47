// Checked-in SQL of the hot queries (STYLE.md §6, as immich's `server/src/queries/`): what each runs on
// SQLite and on PostgreSQL, so that a change to a hot query shows up in review as a change of SQL.
// `npm run sql -w @meanwhile/server` rewrites `packages/server/queries/*.sql`; a test fails when they drift.
import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Dialect } from 'kysely';
import { findAuthenticatingToken } from '../../modules/api-tokens/api-tokens.repository.js';
import { listInbox, listOpenAsksBy, releaseDue } from '../../modules/deliveries/delivery.repository.js';
import { listPosts } from '../../modules/posts/post.repository.js';
import { buildPostViews } from '../../modules/posts/post-view.js';
import { searchPosts, searchThreads } from '../../modules/search/search.repository.js';
import { findAuthenticatingSession } from '../../modules/sessions/sessions.repository.js';
import { listThreads } from '../../modules/threads/thread.repository.js';
import { loadVisibleThread } from '../../modules/threads/thread.service.js';
import type { Caller } from '../../shared/caller.js';
import type { Database } from '../../shared/database.js';
import type { DatabaseConfig } from '../config.js';
import { claimDueJobs, findNextDueAt } from '../scheduler/job.repository.js';
import { createFullTextSearch } from './full-text.js';

type Dialect_ = DatabaseConfig['kind'];

/** One hot query: the file it is listed in (its module), a name, and a call that runs it. */
interface HotQuery {
  file: string;
  name: string;
  run(db: Kysely<Database>, dialect: Dialect_): Promise<unknown>;
}

const caller: Caller = {
  personId: 'person-1',
  workspaceId: 'workspace-1',
  role: 'member',
  via: 'token',
  scope: 'read-write',
  credentialId: 'token-1',
};
const now = 1_800_000_000_000;
const thread = { id: 'thread-1', channelId: 'channel-1' };
const searchFilter = { workspaceId: 'workspace-1', channelIds: ['channel-1', 'channel-2'], limit: 21 };

/** The queries on the paths every request or every release takes. */
const hotQueries: HotQuery[] = [
  {
    file: 'identity',
    name: 'findAuthenticatingSession (every request with a session cookie)',
    run: (db) => findAuthenticatingSession(db, 'hash', now),
  },
  {
    file: 'identity',
    name: 'findAuthenticatingToken (every request with a bearer token)',
    run: (db) => findAuthenticatingToken(db, 'hash'),
  },
  {
    file: 'threads',
    name: 'loadVisibleThread (every thread read and post)',
    run: (db) => loadVisibleThread(db, caller, 'thread-1'),
  },
  {
    file: 'threads',
    name: 'listThreads (a channel page, by activity)',
    run: (db) => listThreads(db, caller.workspaceId, caller.personId, 'channel-1', { limit: 51 }),
  },
  {
    file: 'posts',
    name: 'listPosts (the first page of a thread)',
    run: (db) => listPosts(db, caller.workspaceId, thread, { limit: 51 }),
  },
  {
    file: 'posts',
    name: 'listPosts (a later page of a thread)',
    run: (db) =>
      listPosts(db, caller.workspaceId, thread, { limit: 51, after: { key: String(now), id: 'post-0' } }),
  },
  {
    file: 'posts',
    name: "buildPostViews (a page's reactions, mentions, links and asks)",
    run: (db) =>
      buildPostViews(db, caller, [
        {
          id: 'post-1',
          workspaceId: caller.workspaceId,
          threadId: thread.id,
          channelId: thread.channelId,
          authorId: 'person-2',
          markdown: 'text',
          html: '<p>text</p>',
          version: 1,
          createdAt: now,
          editedAt: null,
          deletedAt: null,
          deletedBy: null,
        },
      ] as unknown as Parameters<typeof buildPostViews>[2]),
  },
  {
    file: 'search',
    name: 'searchPosts (two terms)',
    run: (db, dialect) => searchPosts(db, createFullTextSearch(dialect), ['async', 'rhythm'], searchFilter),
  },
  {
    file: 'search',
    name: 'searchThreads (two terms)',
    run: (db, dialect) => searchThreads(db, createFullTextSearch(dialect), ['async', 'rhythm'], searchFilter),
  },
  {
    file: 'deliveries',
    name: 'listInbox',
    run: (db) => listInbox(db, caller.workspaceId, caller.personId, now, 500),
  },
  {
    file: 'deliveries',
    name: 'listOpenAsksBy (waiting on others)',
    run: (db) => listOpenAsksBy(db, caller.workspaceId, caller.personId, 500),
  },
  {
    file: 'deliveries',
    name: 'releaseDue (a release job)',
    run: (db) => releaseDue(db, caller.workspaceId, caller.personId, now),
  },
  {
    file: 'scheduler',
    name: 'claimDueJobs',
    run: (db, dialect) =>
      claimDueJobs(db, {
        now,
        workerId: 'worker-1',
        leaseMs: 60_000,
        limit: 100,
        isPostgres: dialect === 'postgres',
      }),
  },
  {
    file: 'scheduler',
    name: 'findNextDueAt',
    run: (db) => findNextDueAt(db),
  },
];

function dummyDialect(dialect: Dialect_): Dialect {
  return dialect === 'sqlite'
    ? {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      }
    : {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      };
}

/** The SQL each hot query sends, run against a driver that sends nothing (every result is empty). */
async function captureSql(query: HotQuery, dialect: Dialect_): Promise<string[]> {
  const statements: string[] = [];
  const db = new Kysely<Database>({
    dialect: dummyDialect(dialect),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') statements.push(event.query.sql);
    },
  });
  try {
    await query.run(db, dialect);
  } catch {
    // Not-found errors on empty results are expected: the SQL sent before them is what is wanted.
  } finally {
    await db.destroy();
  }
  return statements;
}

/** The contents of every snapshot file, by file name (`<module>.sql`). */
export async function renderQuerySnapshots(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const query of hotQueries) {
    let text =
      files.get(query.file) ??
      '-- Generated by `npm run sql -w @meanwhile/server` (platform/db/query-snapshots.ts).\n';
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const statements = await captureSql(query, dialect);
      text += `\n-- ${query.name} [${dialect}]\n`;
      text += statements.length === 0 ? '-- (no statement)\n' : statements.map((s) => `${s};\n`).join('');
    }
    files.set(query.file, text);
  }
  return new Map([...files].map(([file, text]) => [`${file}.sql`, text]));
}
