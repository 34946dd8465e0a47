// `npm run bench -w @meanwhile/server`: the speed goals of issue 3 ("Speed, in `npm run bench`"), each as a
// ratio to a baseline measured in the same run. Machines are shared and noisy, so every comparison runs in
// several rounds, the subjects of a round are measured one after the other in an order that alternates from
// round to round, each round yields one ratio, and the table shows the median ratio (and the lowest and
// highest round), as in packages/time/bench.
//
// Sections (`-- read write search` runs only some):
// - read: GET a thread's page of 50 posts over a real loopback socket (autocannon) from the real app on
//   SQLite with a bearer token, vs a bare Fastify route returning the same JSON from memory; and the same
//   app with its page cache off (every read builds the page, as the first read after a write does).
// - write: replying in a thread with 20 followers through PostService, vs raw better-sqlite3 writing the
//   same rows with prepared statements in one transaction per post (same file settings: WAL, synchronous=FULL).
// - search: 1,000,000 posts with Zipf-distributed words (bench/corpus.ts, cached), two-term queries and the
//   most common word through SearchService, vs a plain FTS5 `ORDER BY rank LIMIT 20` query.
// - release, lag, nextdue, fanout, preview: the delivery engine (issue 4), in bench/delivery.bench.ts.
// - markdown: renderMarkdown on the pathological inputs of BAD_INPUT rows 7–8, 100 KB each, vs plain
//   markdown-it on the same text (CPU time), in bench/markdown.bench.ts.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import type { DatabaseHandle } from '../src/platform/db/open-database.js';
import { createFullTextSearch } from '../src/platform/db/full-text.js';
import { ChannelService } from '../src/modules/channels/index.js';
import { PostService } from '../src/modules/posts/index.js';
import { renderMarkdown } from '../src/modules/posts/post.markdown.js';
import { SearchService } from '../src/modules/search/index.js';
import { addFollowers } from '../src/modules/threads/index.js';
import type { Caller } from '../src/shared/caller.js';
import { newId } from '../src/shared/new-id.js';
import { createPerson, createWorkspace } from '../test/factories.js';
import type { TestPerson } from '../test/factories.js';
import { corpusPosts, loadCorpus, random, zipfSampler } from './corpus.js';
import { benchDeliveries } from './delivery.bench.js';
import type { BenchKit } from './delivery.bench.js';
import { benchMarkdown } from './markdown.bench.js';
import type { HttpServersReady } from './http-server.js';

// ---------------------------------------------------------------------------------------------------------
// Measuring and reporting

let sink = 0;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds per operation of an async operation, repeated until the budget is spent. */
async function measureAsync(
  run: (i: number) => Promise<unknown>,
  budgetMs: number,
  minOps = 1,
): Promise<number> {
  if (typeof gc === 'function') gc();
  let done = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    sink += Number(Boolean(await run(done)));
    done++;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs || done < minOps);
  return elapsed / done;
}

/** Runs each subject once per round, in an order that rotates and reverses from round to round. */
async function interleave<T>(subjects: readonly (() => Promise<T>)[], rounds: number): Promise<T[][]> {
  const results: T[][] = subjects.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = subjects.map((_, i) => (i + round) % subjects.length);
    if (round % 2 === 1) order.reverse();
    for (const i of order) results[i]!.push(await subjects[i]!());
  }
  return results;
}

const ratios = (numerator: readonly number[], denominator: readonly number[]): number[] =>
  numerator.map((value, r) => value / denominator[r]!);

interface Row {
  measure: string;
  baseline: string;
  figure: string;
  spread: string;
  goal: string;
  result: string;
}

const rows: Row[] = [];
const context: string[] = [];
const warnings: string[] = [];

function formatRatio(x: number): string {
  if (x >= 100) return `${Math.round(x).toLocaleString('en-US')}×`;
  if (x >= 10) return `${x.toFixed(1)}×`;
  return `${x.toFixed(2)}×`;
}

const formatMs = (ms: number): string => (ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
const formatRate = (perSecond: number): string =>
  perSecond >= 1000 ? `${(perSecond / 1000).toFixed(2)} k/s` : `${perSecond.toFixed(0)} /s`;

function addRatioRow(
  measure: string,
  baseline: string,
  values: readonly number[],
  goal?: { atLeast: number },
): void {
  const mid = median(values);
  rows.push({
    measure,
    baseline,
    figure: formatRatio(mid),
    spread: `${formatRatio(Math.min(...values))}–${formatRatio(Math.max(...values))}`,
    goal: goal ? `≥ ${formatRatio(goal.atLeast)}` : '—',
    result: goal ? (mid >= goal.atLeast ? 'PASS' : 'FAIL') : 'info',
  });
}

function printTable(): void {
  const header: Row = {
    measure: 'measure',
    baseline: 'baseline (same run)',
    figure: 'median',
    spread: 'rounds min–max',
    goal: 'goal',
    result: 'result',
  };
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: Row): string =>
    `| ${keys.map((key, i) => (i >= 2 && i <= 3 ? row[key].padStart(widths[i]!) : row[key].padEnd(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (i >= 2 && i <= 3 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));
}

function progress(text: string): void {
  process.stderr.write(`… ${text}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// A workspace with a thread, for the read and write sections

const callerOf = (person: TestPerson): Caller => ({
  personId: person.id,
  workspaceId: person.workspaceId,
  role: person.role,
  via: 'token',
  scope: 'read-write',
  credentialId: 'bench',
});

/** A post of realistic length: a paragraph with emphasis and a link, and a short list. */
function postMarkdown(i: number): string {
  return (
    `Reply ${i}: I looked at the **rollout plan** again and the numbers from last week still hold. ` +
    `The [dashboard](https://example.com/d/${i}) shows the error rate under 0.1% since Tuesday, ` +
    `so I would go ahead with the next region.\n\n- check the alerts\n- update the runbook\n- tell support`
  );
}

interface Team {
  database: DatabaseHandle;
  file: string;
  dir: string;
  author: TestPerson;
  people: TestPerson[];
  channelId: string;
}

async function createTeam(): Promise<Team> {
  const dir = mkdtempSync(join(tmpdir(), 'meanwhile-bench-'));
  const file = join(dir, 'bench.sqlite');
  const database = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(database.db);
  const workspaceId = await createWorkspace(database.db, 'Bench');
  const author = await createPerson(database.db, workspaceId, 'owner');
  const people: TestPerson[] = [];
  for (let i = 0; i < 20; i++) people.push(await createPerson(database.db, workspaceId));
  const channel = await new ChannelService(database.db).create(callerOf(author), {
    name: 'general',
    visibility: 'public',
  });
  return { database, file, dir, author, people, channelId: channel.id };
}

// ---------------------------------------------------------------------------------------------------------
// Read: a thread's page of 50 posts over HTTP

const READ_ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 5);
const READ_SECONDS = 3;
const CONNECTIONS = 10;

async function benchRead(team: Team): Promise<void> {
  progress('read: a thread page of 50 posts over HTTP');
  const posts = new PostService(team.database.db);
  const caller = callerOf(team.author);
  const { thread } = await posts.startThread(caller, team.channelId, {
    title: 'Rollout of the new region',
    markdown: postMarkdown(0),
  });
  for (let i = 1; i < 50; i++) {
    const who = team.people[i % team.people.length]!;
    const post = await posts.reply(callerOf(who), thread.id, {
      markdown: postMarkdown(i),
      ...(i % 5 === 0 ? { mentions: [team.people[(i + 1) % team.people.length]!.id] } : {}),
    });
    if (i % 3 === 0) await posts.react(caller, post.id, '+1', true);
  }
  const path = `/api/v1/threads/${thread.id}/posts?limit=50`;
  const authorization = team.author.headers.authorization;

  const child = fork(new URL('./http-server.ts', import.meta.url), [], {
    // BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, BENCH_DB: team.file, BENCH_PATH: path, BENCH_AUTHORIZATION: authorization },
  });
  const ready = await new Promise<HttpServersReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as HttpServersReady));
    child.once('exit', (code) => reject(new Error(`the HTTP server process exited with ${code}`)));
  });
  const load = async (port: number, seconds: number): Promise<number> => {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${path}`,
      headers: { authorization },
      connections: CONNECTIONS,
      duration: seconds,
    });
    if (result.non2xx > 0 || result.errors > 0)
      warnings.push(`WARNING: port ${port}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    return result.requests.total / seconds;
  };
  try {
    await load(ready.appPort, 2);
    if (process.env.BENCH_APP_ONLY) return void (await load(ready.appPort, 10));
    await load(ready.barePort, 2);
    await load(ready.uncachedPort, 2);
    const [app, bare, uncached] = await interleave(
      [
        () => load(ready.appPort, READ_SECONDS),
        () => load(ready.barePort, READ_SECONDS),
        () => load(ready.uncachedPort, READ_SECONDS),
      ],
      READ_ROUNDS,
    );
    addRatioRow(
      'GET a thread page of 50 posts (SQLite, bearer token), requests/s',
      'bare Fastify route, same JSON from memory',
      ratios(app!, bare!),
      { atLeast: 0.5 },
    );
    addRatioRow(
      'same, no page kept (every read builds it, as after a write), requests/s',
      'bare Fastify route, same JSON from memory',
      ratios(uncached!, bare!),
    );
    context.push(
      `read: ${(ready.bytes / 1024).toFixed(1)} KiB per page, ${CONNECTIONS} connections, ${READ_SECONDS} s per round; app ${formatRate(median(app!))} (no page kept: ${formatRate(median(uncached!))}), bare route ${formatRate(median(bare!))}`,
    );
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Write: a reply in a thread with 20 followers

const WRITE_ROUNDS = 7;
const WRITE_BUDGET_MS = 1500;

async function benchWrite(team: Team): Promise<void> {
  progress('write: replies in a thread with 20 followers');
  const posts = new PostService(team.database.db);
  const author = team.people[0]!;
  const caller = callerOf(author);
  const { thread } = await posts.startThread(callerOf(team.author), team.channelId, {
    title: 'A busy thread',
    markdown: postMarkdown(0),
  });
  await addFollowers(
    team.database.db,
    thread.id,
    team.people.slice(0, 19).map((p) => p.id),
    Date.now(),
  );
  const followers = await team.database.db
    .selectFrom('threadFollowers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('threadId', '=', thread.id)
    .executeTakeFirstOrThrow();
  context.push(`write: the thread has ${followers.n} followers; the reply's author is one of them`);

  // The baseline: a second connection with the app's settings, writing the rows a reply writes.
  const raw = new BetterSqlite3(team.file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const insertPost = raw.prepare(
    `insert into posts (id, workspace_id, thread_id, author_id, markdown, html, version, created_at, edited_at, deleted_at, deleted_by)
     values (?, ?, ?, ?, ?, ?, 1, ?, null, null, null)`,
  );
  const insertVersion = raw.prepare(
    'insert into post_versions (post_id, version, markdown, html, edited_by, created_at) values (?, 1, ?, ?, ?, ?)',
  );
  const follow = raw.prepare(
    'insert into thread_followers (thread_id, person_id, created_at) values (?, ?, ?) on conflict do nothing',
  );
  const touch = raw.prepare('update threads set last_post_at = ? where id = ? and last_post_at < ?');
  const markdown = postMarkdown(7);
  const html = renderMarkdown(markdown);
  const rawReply = raw.transaction((at: number) => {
    const id = newId(at);
    insertPost.run(id, author.workspaceId, thread.id, author.id, markdown, html, at);
    insertVersion.run(id, markdown, html, author.id, at);
    follow.run(thread.id, author.id, at);
    touch.run(at, thread.id, at);
  });

  const service = () => measureAsync(() => posts.reply(caller, thread.id, { markdown }), WRITE_BUDGET_MS, 20);
  const baseline = () => measureAsync(async () => rawReply(Date.now()), WRITE_BUDGET_MS, 20);
  await service();
  await baseline();
  const [viaService, viaRaw] = await interleave([service, baseline], WRITE_ROUNDS);
  raw.close();
  addRatioRow(
    'reply in a thread with 20 followers via PostService, posts/s',
    'raw better-sqlite3, same rows, 1 transaction per post',
    ratios(viaRaw!, viaService!),
    { atLeast: 0.3 },
  );
  context.push(
    `write: PostService ${formatRate(1000 / median(viaService!))}, raw better-sqlite3 ${formatRate(1000 / median(viaRaw!))} (WAL, synchronous=FULL: one fsync per commit on both)`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Search over 1,000,000 posts

const SEARCH_ROUNDS = 3;
const TWO_TERM_QUERIES = 200;
const COMMON_ROUNDS = 5;

async function benchSearch(): Promise<void> {
  progress('search: corpus');
  const corpus = await loadCorpus(progress);
  if (corpus.buildSeconds !== null)
    context.push(
      `search: corpus of ${corpusPosts.toLocaleString('en-US')} posts built in ${corpus.buildSeconds.toFixed(0)} s`,
    );
  else
    context.push(
      `search: corpus of ${corpusPosts.toLocaleString('en-US')} posts taken from the cache (${corpus.file})`,
    );
  const database = openDatabase({ kind: 'sqlite', file: corpus.file });
  const service = new SearchService(database.db, createFullTextSearch('sqlite'));
  const caller: Caller = {
    ...corpus.reader,
    role: 'member',
    via: 'token',
    scope: 'read',
    credentialId: 'bench',
  };
  const plain = new BetterSqlite3(corpus.file, { readonly: true });
  const rankQuery = plain.prepare(
    'select rowid from post_search where post_search match ? order by rank limit 20',
  );
  const fts = (terms: readonly string[]): string => terms.map((t) => `"${t}"`).join(' ');

  // Queries as people type them: two different words, each drawn with the corpus's own frequencies.
  const next = random(99);
  const draw = zipfSampler(next);
  const queries: string[][] = [];
  while (queries.length < TWO_TERM_QUERIES) {
    const a = corpus.words[draw()]!;
    const b = corpus.words[draw()]!;
    if (a !== b) queries.push([a, b]);
  }
  const common = corpus.words[0]!;

  await agreeWithReference(database, service, caller, [...queries.slice(0, 20), [common]]);

  // Warm the page cache for both.
  for (const q of queries) {
    await service.search(caller, { q: q.join(' '), limit: 20 });
    sink += rankQuery.all(fts(q)).length;
  }

  const timeEach = async (run: (q: string[]) => Promise<unknown> | unknown): Promise<number[]> => {
    const times: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      sink += Number(Boolean(await run(q)));
      times.push(performance.now() - t0);
    }
    return times;
  };
  progress('search: two-term queries');
  const [ours, baseline] = await interleave(
    [
      () => timeEach((q) => service.search(caller, { q: q.join(' '), limit: 20 })),
      () => timeEach((q) => rankQuery.all(fts(q))),
    ],
    SEARCH_ROUNDS,
  );
  const p95 = ours!.map((times) => percentile(times, 95));
  const baseP95 = baseline!.map((times) => percentile(times, 95));
  const p95Ms = median(p95);
  rows.push({
    measure: `two-term query, ${TWO_TERM_QUERIES} queries × ${SEARCH_ROUNDS} rounds, SearchService, p95`,
    baseline: 'absolute (issue 3)',
    figure: formatMs(p95Ms),
    spread: `${formatMs(Math.min(...p95))}–${formatMs(Math.max(...p95))}`,
    goal: '≤ 10 ms',
    result: p95Ms <= 10 ? 'PASS' : 'FAIL',
  });
  addRatioRow(
    'two-term query p95, SearchService',
    'plain FTS5 ORDER BY rank LIMIT 20, p95',
    ratios(baseP95, p95),
  );
  context.push(
    `search, two terms: SearchService p50 ${formatMs(median(ours!.map((t) => percentile(t, 50))))}, p95 ${formatMs(p95Ms)}, p99 ${formatMs(median(ours!.map((t) => percentile(t, 99))))}; FTS5 rank p50 ${formatMs(median(baseline!.map((t) => percentile(t, 50))))}, p95 ${formatMs(median(baseP95))}`,
  );

  progress('search: the most common word');
  const matches = (
    plain.prepare('select count(*) as n from post_search where post_search match ?').get(fts([common])) as {
      n: number;
    }
  ).n;
  const [oursCommon, rankCommon] = await interleave(
    [
      () => measureAsync(() => service.search(caller, { q: common, limit: 20 }), 500, 5),
      () => measureAsync(async () => rankQuery.all(fts([common])), 500, 3),
    ],
    COMMON_ROUNDS,
  );
  addRatioRow(
    `single most common word (in ${((100 * matches) / corpusPosts).toFixed(0)}% of posts), SearchService`,
    'plain FTS5 ORDER BY rank LIMIT 20',
    ratios(rankCommon!, oursCommon!),
    { atLeast: 10 },
  );
  context.push(
    `search, most common word "${common}" (${matches.toLocaleString('en-US')} posts): SearchService ${formatMs(median(oursCommon!))}, FTS5 rank ${formatMs(median(rankCommon!))}`,
  );
  plain.close();
  await database.close();
}

/**
 * Checks the service's pages against a plain reference: every visible match, posts and titles, sorted by
 * time in SQL without any index tricks.
 */
async function agreeWithReference(
  database: DatabaseHandle,
  service: SearchService,
  caller: Caller,
  queries: string[][],
): Promise<void> {
  const mismatches: string[] = [];
  for (const terms of queries) {
    const match = terms.map((t) => `"${t}"`).join(' ');
    const { rows: expected } = await sql<{ id: string }>`
      select id from (
        select p.id, p.created_at from posts p join threads t on t.id = p.thread_id
        where p.workspace_id = ${caller.workspaceId} and p.deleted_at is null
          and t.channel_id in (select id from channels where workspace_id = ${caller.workspaceId}
            and (visibility = 'public' or id in (select channel_id from channel_members where person_id = ${caller.personId})))
          and p.id in (select m.source_id from post_search join post_search_ids m on m.id = post_search.rowid where post_search match ${match})
        union all
        select t.id, t.created_at from threads t
        where t.workspace_id = ${caller.workspaceId}
          and t.channel_id in (select id from channels where workspace_id = ${caller.workspaceId}
            and (visibility = 'public' or id in (select channel_id from channel_members where person_id = ${caller.personId})))
          and t.id in (select m.source_id from thread_search join thread_search_ids m on m.id = thread_search.rowid where thread_search match ${match})
      ) order by created_at desc, id desc limit 20`.execute(database.db);
    const page = await service.search(caller, { q: terms.join(' '), limit: 20 });
    const got = page.items.map((h) => h.id).join(',');
    if (got !== expected.map((r) => r.id).join(',')) mismatches.push(terms.join(' '));
  }
  if (mismatches.length === 0)
    context.push(`agreement: search pages equal a plain reference query for ${queries.length} queries`);
  else
    warnings.push(
      `WARNING: search pages differ from the reference for: ${mismatches.slice(0, 5).join('; ')}`,
    );
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const only = process.argv.slice(2);
  const wants = (name: string): boolean => only.length === 0 || only.includes(name);
  if (wants('read') || wants('write')) {
    const team = await createTeam();
    try {
      if (wants('read')) await benchRead(team);
      if (wants('write')) await benchWrite(team);
    } finally {
      await team.database.close();
      rmSync(team.dir, { recursive: true, force: true });
    }
  }
  if (wants('search')) await benchSearch();
  const kit: BenchKit = {
    progress,
    median,
    percentile,
    measureAsync,
    interleave,
    ratios,
    addRatioRow,
    addRow: (row) => rows.push(row),
    formatMs,
    formatRate,
    context,
    warnings,
  };
  await benchDeliveries(kit, wants);
  if (wants('markdown')) await benchMarkdown(kit);

  console.log('');
  console.log(
    '@meanwhile/server: each ratio is the median over interleaved rounds of a ratio measured in this run (higher is better).',
  );
  console.log(
    `Machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}.`,
  );
  console.log('');
  printTable();
  console.log('');
  for (const line of context) console.log(`  ${line}`);
  for (const line of warnings) console.log(line);
  const failed = rows.filter((row) => row.result === 'FAIL').length;
  console.log('');
  console.log(
    `${failed === 0 ? 'All goals met' : `${failed} goal(s) missed`}; ${((performance.now() - started) / 1000).toFixed(0)} s (checksum ${sink % 997}).`,
  );
}

await main();
