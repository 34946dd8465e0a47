// The delivery engine's speed goals of issue 4 ("Speed, in `npm run bench`"), run by server.bench.ts as
// the sections `release`, `lag`, `nextdue`, `fanout` and `preview` (`-- release lag` runs only some).
//
// - release: on a fresh PostgreSQL database, the real Scheduler (claims in batches with SKIP LOCKED; release
//   jobs run up to 25 to a transaction, 4 transactions at once, with one set-based fencing check, and
//   DeliveryService.releaseRecipients as the batch handler) releasing N due `delivery.release` jobs, vs a
//   bare loop of one statement per job (claim one row with SKIP LOCKED, mark it done, update the
//   recipient's held deliveries) on a copy of the same table, 4 lanes each.
// - lag: a burst of deliveries all due at once, released by the running scheduler loop on the system
//   clock; release time minus due time, p50/p99.
// - nextdue: the scheduler's next-due query (findNextDueAt) before and after that burst, autovacuum off.
// - fanout: a reply in a thread followed by 500 people of a channel through PostService and
//   DeliveryService (500 deliveries planned) on SQLite, vs raw better-sqlite3 writing the same rows.
// - preview: the landing preview of a draft in a thread followed by 50 people, through InboxService.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import type { DatabaseHandle } from '../src/platform/db/open-database.js';
import { createEventService } from '../src/platform/scheduler/background.js';
import { findNextDueAt } from '../src/platform/scheduler/job.repository.js';
import { Scheduler } from '../src/platform/scheduler/scheduler.js';
import { AgreementService } from '../src/modules/agreements/index.js';
import { ChannelService } from '../src/modules/channels/index.js';
import { DeliveryService, InboxService, releaseJobKind } from '../src/modules/deliveries/index.js';
import { PostService } from '../src/modules/posts/index.js';
import { RhythmService } from '../src/modules/rhythms/index.js';
import { addFollowers } from '../src/modules/threads/index.js';
import type { Caller } from '../src/shared/caller.js';
import type { Clock } from '../src/shared/clock.js';
import { systemClock } from '../src/shared/clock.js';
import { newId } from '../src/shared/new-id.js';
import { createPerson, createWorkspace } from '../test/factories.js';
import type { TestPerson } from '../test/factories.js';

/** What server.bench.ts lends this file to measure and report with. */
export interface BenchKit {
  progress(text: string): void;
  median(values: readonly number[]): number;
  percentile(values: readonly number[], p: number): number;
  measureAsync(run: (i: number) => Promise<unknown>, budgetMs: number, minOps?: number): Promise<number>;
  interleave<T>(subjects: readonly (() => Promise<T>)[], rounds: number): Promise<T[][]>;
  ratios(numerator: readonly number[], denominator: readonly number[]): number[];
  addRatioRow(measure: string, baseline: string, values: readonly number[], goal?: { atLeast: number }): void;
  addRow(row: {
    measure: string;
    baseline: string;
    figure: string;
    spread: string;
    goal: string;
    result: string;
  }): void;
  formatMs(ms: number): string;
  formatRate(perSecond: number): string;
  context: string[];
  warnings: string[];
}

export const deliverySections = ['release', 'lag', 'nextdue', 'fanout', 'preview'] as const;

const postgresAdminUrl =
  process.env.MEANWHILE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RELEASE_JOBS = Number(process.env.BENCH_RELEASE_JOBS ?? 20_000);
const RELEASE_ROUNDS = Number(process.env.BENCH_RELEASE_ROUNDS ?? 3);
const BURST = Number(process.env.BENCH_BURST ?? 100_000);
const FUTURE_JOBS = 1_000;
const FANOUT_PEOPLE = 500;
const FANOUT_ROUNDS = 5;
const FANOUT_BUDGET_MS = 2_000;
const PREVIEW_PEOPLE = 50;
const PREVIEW_CALLS = 400;

const callerOf = (person: TestPerson): Caller => ({
  personId: person.id,
  workspaceId: person.workspaceId,
  role: person.role,
  via: 'token',
  scope: 'read-write',
  credentialId: 'bench',
});

const fixedClock = (at: number): Clock => ({ now: () => at });

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL: a fresh database with a workspace, its people, one post, and held deliveries with their jobs

interface PgWorld {
  database: DatabaseHandle;
  url: string;
  drop(): Promise<void>;
  workspaceId: string;
  postId: string;
  threadId: string;
  channelId: string;
  authorId: string;
  /** People `bp000001`… exist up to this many. */
  people: number;
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function createPgWorld(people: number): Promise<PgWorld> {
  const name = `meanwhile_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}"`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ kind: 'postgres', url: url.toString() });
  await migrateToLatest(database.db);
  // The worst case the issue names: dead tuples stay until VACUUM, which this file runs itself.
  await sql`alter table scheduled_jobs set (autovacuum_enabled = false)`.execute(database.db);
  await sql`alter table deliveries set (autovacuum_enabled = false)`.execute(database.db);
  const workspaceId = await createWorkspace(database.db, 'Bench');
  const author = await createPerson(database.db, workspaceId, 'owner');
  const channel = await new ChannelService(database.db).create(callerOf(author), {
    name: 'general',
    visibility: 'public',
  });
  const { thread, post } = await new PostService(database.db).startThread(callerOf(author), channel.id, {
    title: 'Release',
    markdown: 'Held until your morning.',
  });
  await sql`
    insert into people (id, email, email_normalized, display_name, password_hash, created_at, deactivated_at)
    select 'bp' || lpad(i::text, 6, '0'), 'bp' || i || '@example.com', 'bp' || i || '@example.com',
           'Bench ' || i, null, 0, null
    from generate_series(1, ${people}::int) as i`.execute(database.db);
  await sql`
    insert into memberships (workspace_id, person_id, role, created_at, deactivated_at)
    select ${workspaceId}, 'bp' || lpad(i::text, 6, '0'), 'member', 0, null
    from generate_series(1, ${people}::int) as i`.execute(database.db);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin(`drop database if exists "${name}" with (force)`);
    },
    workspaceId,
    postId: post.id,
    threadId: thread.id,
    channelId: channel.id,
    authorId: author.id,
    people,
  };
}

/**
 * Empties the deliveries and jobs, then gives people 1…n one held delivery each, released at `releaseAt`,
 * and its `delivery.release` job in `table` (scheduled_jobs or its bare copy) due at `dueAt`; plus
 * `future` pending jobs a day later. VACUUM ANALYZE afterwards, so every subject starts alike.
 */
async function seed(
  world: PgWorld,
  table: 'scheduled_jobs' | 'bare_jobs',
  n: number,
  times: { releaseAt: number; dueAt: number },
  future = 0,
): Promise<void> {
  const { db } = world.database;
  const jobs = sql.table(table);
  await sql`truncate deliveries, events, scheduled_jobs`.execute(db);
  await sql`truncate bare_jobs`.execute(db).catch(() => undefined);
  await sql`
    insert into deliveries (id, workspace_id, person_id, post_id, thread_id, channel_id, author_id, kind,
      ask_id, state, release_at, held_reason, interrupt_reason, is_emergency, delivered_at, done_at,
      snoozed_until, created_at)
    select 'bd' || lpad(i::text, 7, '0'), ${world.workspaceId}, 'bp' || lpad(i::text, 6, '0'), ${world.postId},
      ${world.threadId}, ${world.channelId}, ${world.authorId}, 'post', null, 'held', ${times.releaseAt}::bigint, null,
      null, 0, null, null, null, 0
    from generate_series(1, ${n}::int) as i`.execute(db);
  await sql`
    insert into ${jobs} (id, kind, subject_id, workspace_id, due_at, state, claimed_by, lease_until,
      fencing_token, attempts, last_error, created_at, done_at)
    select 'bj' || lpad(i::text, 7, '0'), ${releaseJobKind},
      ${world.workspaceId} || ':bp' || lpad(i::text, 6, '0') || ':' || ${String(times.releaseAt)}::text,
      ${world.workspaceId}, ${times.dueAt}::bigint, 'pending', null, null, 0, 0, null, 0, null
    from generate_series(1, ${n}::int) as i`.execute(db);
  if (future > 0)
    await sql`
      insert into ${jobs} (id, kind, subject_id, workspace_id, due_at, state, claimed_by, lease_until,
        fencing_token, attempts, last_error, created_at, done_at)
      select 'bf' || lpad(i::text, 7, '0'), ${releaseJobKind},
        ${world.workspaceId} || ':bp' || lpad(i::text, 6, '0') || ':' || ${String(times.dueAt + 86_400_000)}::text,
        ${world.workspaceId}, ${times.dueAt + 86_400_000}::bigint + i, 'pending', null, null, 0, 0, null, 0, null
      from generate_series(1, ${future}::int) as i`.execute(db);
  await sql`vacuum analyze deliveries`.execute(db);
  await sql`vacuum analyze ${jobs}`.execute(db);
  await sql`vacuum analyze events`.execute(db);
}

function deliveryServiceOn(database: DatabaseHandle, clock: Clock, scheduler: Scheduler): DeliveryService {
  const events = createEventService(database, clock);
  const service = new DeliveryService(
    database.db,
    clock,
    new RhythmService(database.db, () => clock.now()),
    new AgreementService(database.db, () => clock.now()),
    scheduler,
    events,
  );
  service.registerJobs();
  return service;
}

async function countHeld(world: PgWorld): Promise<number> {
  const row = await sql<{ n: string }>`select count(*) as n from deliveries where state = 'held'`.execute(
    world.database.db,
  );
  return Number(row.rows[0]!.n);
}

// ---------------------------------------------------------------------------------------------------------
// release: throughput of the real scheduler vs a bare SKIP LOCKED loop

async function benchRelease(kit: BenchKit, world: PgWorld): Promise<void> {
  kit.progress(`release: ${RELEASE_JOBS.toLocaleString('en-US')} due jobs, ${RELEASE_ROUNDS} rounds`);
  const { db } = world.database;
  await sql`create table if not exists bare_jobs (like scheduled_jobs including all)`.execute(db);
  await sql`alter table bare_jobs set (autovacuum_enabled = false)`.execute(db);
  const releaseAt = 1_000_000;
  const now = releaseAt + 1_000;
  const clock = fixedClock(now);
  const scheduler = new Scheduler(world.database, clock);
  deliveryServiceOn(world.database, clock, scheduler);
  const lanes = scheduler.options.concurrency;
  const barePool = new pg.Pool({ connectionString: world.url, max: lanes });

  const viaScheduler = async (): Promise<number> => {
    await seed(world, 'scheduled_jobs', RELEASE_JOBS, { releaseAt, dueAt: releaseAt });
    const start = performance.now();
    let done = 0;
    for (;;) {
      const pass = await scheduler.runDue();
      if (pass.claimed === 0) break;
      done += pass.done;
    }
    const seconds = (performance.now() - start) / 1000;
    const held = await countHeld(world);
    if (done !== RELEASE_JOBS || held !== 0)
      kit.warnings.push(`WARNING: release: the scheduler did ${done} jobs, ${held} deliveries still held`);
    return RELEASE_JOBS / seconds;
  };

  const bareStatement = `
    with job as (
      update bare_jobs set state = 'done', done_at = $1, fencing_token = fencing_token + 1,
        attempts = attempts + 1
      where id = (select id from bare_jobs where state = 'pending' and due_at <= $1
                  order by due_at limit 1 for update skip locked)
      returning subject_id, workspace_id
    ), released as (
      update deliveries d set state = 'delivered', delivered_at = $1 from job
      where d.person_id = split_part(job.subject_id, ':', 2) and d.workspace_id = job.workspace_id
        and d.state = 'held' and d.release_at <= $1
      returning d.id
    )
    select (select count(*) from job)::int as jobs, (select count(*) from released)::int as released`;
  // Graphile-style: claim one job (SKIP LOCKED), then complete it and do its update, one statement each.
  const claimStatement = `
    update bare_jobs set state = 'claimed', lease_until = $1 + 30000, fencing_token = fencing_token + 1,
      attempts = attempts + 1
    where id = (select id from bare_jobs where state = 'pending' and due_at <= $1
                order by due_at limit 1 for update skip locked)
    returning id, subject_id, workspace_id, fencing_token`;
  const completeStatement = `
    with job as (
      update bare_jobs set state = 'done', done_at = $1, lease_until = null
      where id = $2 and fencing_token = $3 and state = 'claimed' returning subject_id, workspace_id
    )
    update deliveries d set state = 'delivered', delivered_at = $1 from job
    where d.person_id = split_part(job.subject_id, ':', 2) and d.workspace_id = job.workspace_id
      and d.state = 'held' and d.release_at <= $1`;
  // Batched: the bare statement for up to `jobsPerTransaction` jobs at once (what the scheduler batches).
  const batchedStatement = `
    with job as (
      update bare_jobs set state = 'done', done_at = $1, fencing_token = fencing_token + 1,
        attempts = attempts + 1
      where id in (select id from bare_jobs where state = 'pending' and due_at <= $1
                   order by due_at limit $2 for update skip locked)
      returning subject_id, workspace_id
    ), released as (
      update deliveries d set state = 'delivered', delivered_at = $1 from job
      where d.person_id = split_part(job.subject_id, ':', 2) and d.workspace_id = job.workspace_id
        and d.state = 'held' and d.release_at <= $1
      returning d.id
    )
    select (select count(*) from job)::int as jobs, (select count(*) from released)::int as released`;
  const perStatement = scheduler.options.jobsPerTransaction;
  const bareLoop = (mode: 'one' | 'two' | 'batched') => async (): Promise<number> => {
    await seed(world, 'bare_jobs', RELEASE_JOBS, { releaseAt, dueAt: releaseAt });
    const start = performance.now();
    let done = 0;
    const lane = async () => {
      for (;;) {
        if (mode === 'two') {
          const claimed = await barePool.query<{ id: string; fencing_token: string }>(claimStatement, [now]);
          const job = claimed.rows[0];
          if (!job) return;
          await barePool.query(completeStatement, [now, job.id, job.fencing_token]);
          done++;
        } else {
          const result = await barePool.query<{ jobs: number }>(
            mode === 'one' ? bareStatement : batchedStatement,
            mode === 'one' ? [now] : [now, perStatement],
          );
          if (result.rows[0]!.jobs === 0) return;
          done += result.rows[0]!.jobs;
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    const seconds = (performance.now() - start) / 1000;
    const held = await countHeld(world);
    if (done !== RELEASE_JOBS || held !== 0)
      kit.warnings.push(`WARNING: release: a bare loop did ${done} jobs, ${held} deliveries still held`);
    return RELEASE_JOBS / seconds;
  };

  try {
    const [ours, baseline, graphileStyle, batched] = await kit.interleave(
      [viaScheduler, bareLoop('one'), bareLoop('two'), bareLoop('batched')],
      RELEASE_ROUNDS,
    );
    kit.addRatioRow(
      `release ${RELEASE_JOBS.toLocaleString('en-US')} due delivery jobs, Scheduler + DeliveryService (PostgreSQL), jobs/s`,
      `bare SKIP LOCKED loop, 1 statement per job (claim + done + held→delivered), ${lanes} lanes`,
      kit.ratios(ours!, baseline!),
      { atLeast: 0.5 },
    );
    kit.addRatioRow(
      'same, jobs/s',
      `bare SKIP LOCKED loop, 2 statements per job (claim; complete + held→delivered), ${lanes} lanes`,
      kit.ratios(ours!, graphileStyle!),
    );
    kit.addRatioRow(
      'same, jobs/s',
      `bare SKIP LOCKED loop, 1 statement per ${perStatement} jobs (claim + done + held→delivered), ${lanes} lanes`,
      kit.ratios(ours!, batched!),
    );
    kit.context.push(
      `release: Scheduler ${kit.formatRate(kit.median(ours!))} (claims of ${scheduler.options.batchSize}, up to ${scheduler.options.jobsPerTransaction} jobs per transaction, ${lanes} transactions at once: set-based fencing check, held→delivered, inbox events, one signal), bare loops ${kit.formatRate(kit.median(baseline!))} (one statement per job), ${kit.formatRate(kit.median(graphileStyle!))} (two statements per job) and ${kit.formatRate(kit.median(batched!))} (one statement per ${perStatement} jobs), none writing an event; graphile-worker reports ~15 k/s unbatched on its own hardware`,
    );
  } finally {
    await barePool.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// lag and nextdue: a burst of deliveries due at once, released by the running loop

async function benchBurst(
  kit: BenchKit,
  world: PgWorld,
  wantsLag: boolean,
  wantsNext: boolean,
): Promise<void> {
  kit.progress(`burst: ${BURST.toLocaleString('en-US')} deliveries due at once`);
  const { db } = world.database;
  const dueAt = Date.now();
  await seed(world, 'scheduled_jobs', BURST, { releaseAt: dueAt, dueAt }, FUTURE_JOBS);
  // A clock on which the burst becomes due the moment the loop starts, then runs in real time.
  let offset = 0;
  const clock: Clock = { now: () => systemClock.now() + offset };

  const timeNextDue = async (calls: number): Promise<{ first: number; times: number[] }> => {
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await findNextDueAt(db);
      times.push(performance.now() - t0);
    }
    return { first: times[0]!, times };
  };
  const before = await timeNextDue(300);

  const scheduler = new Scheduler(world.database, clock);
  deliveryServiceOn(world.database, clock, scheduler);
  offset = dueAt - Date.now();
  const start = performance.now();
  scheduler.start();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const row = await sql<{ n: string }>`
      select count(*) as n from scheduled_jobs where state <> 'done' and due_at <= ${dueAt}`.execute(db);
    if (Number(row.rows[0]!.n) === 0) break;
  }
  const seconds = (performance.now() - start) / 1000;
  await scheduler.stop();
  const after = await timeNextDue(300);

  const lags = await sql<{ p50: string; p99: string; max: string; n: string }>`
    select percentile_disc(0.5) within group (order by done_at - due_at) as p50,
           percentile_disc(0.99) within group (order by done_at - due_at) as p99,
           max(done_at - due_at) as max, count(*) as n
    from scheduled_jobs where state = 'done' and due_at = ${dueAt}`.execute(db);
  const lag = lags.rows[0]!;
  const held = await countHeld(world);
  if (held !== 0 || Number(lag.n) !== BURST)
    kit.warnings.push(`WARNING: burst: ${lag.n} jobs done, ${held} deliveries still held`);
  if (wantsLag) {
    const p99 = Number(lag.p99);
    kit.addRow({
      measure: `release lag p99 (done − due), ${BURST.toLocaleString('en-US')} deliveries due at once (PostgreSQL)`,
      baseline: 'absolute',
      figure: kit.formatMs(p99),
      spread: '—',
      goal: '—',
      result: 'info',
    });
    kit.context.push(
      `lag: burst of ${BURST.toLocaleString('en-US')} released in ${seconds.toFixed(1)} s (${kit.formatRate(BURST / seconds)}) by the running loop; lag p50 ${kit.formatMs(Number(lag.p50))}, p99 ${kit.formatMs(p99)}, max ${kit.formatMs(Number(lag.max))}`,
    );
  }
  if (wantsNext) {
    const b = kit.median(before.times);
    const a = kit.median(after.times);
    const ratio = a / b;
    kit.addRow({
      measure: `next-due query after a ${BURST.toLocaleString('en-US')}-row release burst, no VACUUM (PostgreSQL), median`,
      baseline: 'same query before the burst',
      figure: `${ratio.toFixed(2)}× slower`,
      spread: `first call ${kit.formatMs(after.first)}`,
      goal: '≤ 2× slower',
      result: ratio <= 2 ? 'PASS' : 'FAIL',
    });
    kit.context.push(
      `nextdue: ${FUTURE_JOBS.toLocaleString('en-US')} future jobs pending besides the burst; before p50 ${kit.formatMs(b)} (p95 ${kit.formatMs(kit.percentile(before.times, 95))}), after p50 ${kit.formatMs(a)} (p95 ${kit.formatMs(kit.percentile(after.times, 95))}, first ${kit.formatMs(after.first)}); autovacuum off on scheduled_jobs`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// SQLite: a channel whose thread 500 people follow

interface SqliteTeam {
  database: DatabaseHandle;
  file: string;
  dir: string;
  author: TestPerson;
  people: TestPerson[];
  channelId: string;
  posts: PostService;
  inbox: InboxService;
}

async function createSqliteTeam(people: number): Promise<SqliteTeam> {
  const dir = mkdtempSync(join(tmpdir(), 'meanwhile-bench-'));
  const file = join(dir, 'bench.sqlite');
  const database = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(database.db);
  const workspaceId = await createWorkspace(database.db, 'Bench');
  const author = await createPerson(database.db, workspaceId, 'owner');
  const members: TestPerson[] = [];
  for (let i = 0; i < people; i++) members.push(await createPerson(database.db, workspaceId));
  const channel = await new ChannelService(database.db).create(callerOf(author), {
    name: 'general',
    visibility: 'public',
  });
  const scheduler = new Scheduler(database, systemClock);
  const deliveries = deliveryServiceOn(database, systemClock, scheduler);
  const rhythms = new RhythmService(database.db);
  return {
    database,
    file,
    dir,
    author,
    people: members,
    channelId: channel.id,
    posts: new PostService(database.db, Date.now, deliveries),
    inbox: new InboxService(database.db, systemClock, rhythms, deliveries),
  };
}

async function followedThread(team: SqliteTeam, followers: number): Promise<string> {
  const { thread } = await team.posts.startThread(callerOf(team.author), team.channelId, {
    title: 'Everyone, please read',
    markdown: 'The plan for next quarter.',
  });
  await addFollowers(
    team.database.db,
    thread.id,
    team.people.slice(0, followers).map((p) => p.id),
    Date.now(),
  );
  return thread.id;
}

async function benchFanout(kit: BenchKit): Promise<void> {
  kit.progress(`fanout: replies to a thread followed by ${FANOUT_PEOPLE} people`);
  const team = await createSqliteTeam(FANOUT_PEOPLE);
  try {
    const threadId = await followedThread(team, FANOUT_PEOPLE);
    const caller = callerOf(team.author);
    const markdown = 'An update for all of you: the rollout is on track.';
    // One post through the service, then the rows it wrote become the raw baseline's template.
    const eventsBefore = await sql<{ id: number }>`select coalesce(max(id), 0) as id from events`.execute(
      team.database.db,
    );
    const first = await team.posts.reply(caller, threadId, { markdown });

    const raw = new BetterSqlite3(team.file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    const templateDeliveries = raw
      .prepare('select * from deliveries where post_id = ?')
      .all(first.id) as Record<string, unknown>[];
    const templateEvents = raw
      .prepare('select * from events where id > ?')
      .all(eventsBefore.rows[0]!.id) as Record<string, unknown>[];
    const templateJobs = raw
      .prepare("select * from scheduled_jobs where kind = 'delivery.release' order by id")
      .all() as Record<string, unknown>[];
    const held = templateDeliveries.filter((d) => d.state === 'held').length;
    kit.context.push(
      `fanout: each reply plans ${templateDeliveries.length} deliveries (${held} held, ${templateDeliveries.length - held} delivered at once), ${templateEvents.length} inbox events, ${templateJobs.length} release jobs; a channel post reaches the thread's followers, mentions and asks, so "a 500-person channel" is a thread 500 of its people follow`,
    );
    // Prepared only for the tables the service wrote to (a template may be empty).
    const insertInto = (table: string, template: Record<string, unknown> | undefined, skip = '') => {
      if (!template) return { run: (_row: Record<string, unknown>) => undefined };
      const columns = Object.keys(template).filter((c) => c !== skip);
      return raw.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')}) on conflict do nothing`,
      );
    };
    const insertDelivery = insertInto('deliveries', templateDeliveries[0]);
    const insertEvent = insertInto('events', templateEvents[0], 'id');
    const insertJob = insertInto('scheduled_jobs', templateJobs[0]);
    const insertPost = raw.prepare(
      `insert into posts (id, workspace_id, thread_id, author_id, markdown, html, version, created_at, edited_at, deleted_at, deleted_by)
       values (?, ?, ?, ?, ?, ?, 1, ?, null, null, null)`,
    );
    const insertVersion = raw.prepare(
      'insert into post_versions (post_id, version, markdown, html, edited_by, created_at) values (?, 1, ?, ?, ?, ?)',
    );
    const touch = raw.prepare('update threads set last_post_at = ? where id = ? and last_post_at < ?');
    const html = '<p>An update for all of you: the rollout is on track.</p>\n';
    const rawReply = raw.transaction((at: number) => {
      const postId = newId(at);
      insertPost.run(postId, team.author.workspaceId, threadId, team.author.id, markdown, html, at);
      insertVersion.run(postId, markdown, html, team.author.id, at);
      touch.run(at, threadId, at);
      for (const d of templateDeliveries)
        insertDelivery.run({ ...d, id: newId(at), post_id: postId, created_at: at });
      for (const e of templateEvents) {
        const { id: _id, ...rest } = e;
        insertEvent.run({ ...rest, created_at: at });
      }
      for (const j of templateJobs) insertJob.run({ ...j, id: newId(at) });
    });

    const service = () =>
      kit.measureAsync(() => team.posts.reply(caller, threadId, { markdown }), FANOUT_BUDGET_MS, 5);
    const baseline = () => kit.measureAsync(async () => rawReply(Date.now()), FANOUT_BUDGET_MS, 5);
    await service();
    await baseline();
    const [viaService, viaRaw] = await kit.interleave([service, baseline], FANOUT_ROUNDS);
    raw.close();
    kit.addRatioRow(
      `reply to a thread ${FANOUT_PEOPLE} people follow (plans ${FANOUT_PEOPLE} deliveries), PostService, posts/s`,
      'raw better-sqlite3 inserting the same rows, 1 transaction per post',
      kit.ratios(viaRaw!, viaService!),
      { atLeast: 0.3 },
    );
    kit.context.push(
      `fanout: PostService ${kit.formatMs(kit.median(viaService!))} per post (${kit.formatRate(1000 / kit.median(viaService!))}), raw ${kit.formatMs(kit.median(viaRaw!))} per post (${kit.formatRate(1000 / kit.median(viaRaw!))})`,
    );
  } finally {
    await team.database.close();
    rmSync(team.dir, { recursive: true, force: true });
  }
}

async function benchPreview(kit: BenchKit): Promise<void> {
  kit.progress(`preview: landing preview in a thread followed by ${PREVIEW_PEOPLE} people`);
  const team = await createSqliteTeam(PREVIEW_PEOPLE);
  try {
    const threadId = await followedThread(team, PREVIEW_PEOPLE);
    const caller = callerOf(team.author);
    const draft = { mentions: [], asks: [] };
    const preview = await team.inbox.preview(caller, { threadId }, draft);
    if (preview.recipients.length !== PREVIEW_PEOPLE)
      kit.warnings.push(`WARNING: preview: ${preview.recipients.length} recipients, not ${PREVIEW_PEOPLE}`);
    for (let i = 0; i < 50; i++) await team.inbox.preview(caller, { threadId }, draft);
    const times: number[] = [];
    for (let i = 0; i < PREVIEW_CALLS; i++) {
      const t0 = performance.now();
      await team.inbox.preview(caller, { threadId }, draft);
      times.push(performance.now() - t0);
    }
    const p50 = kit.median(times);
    const p95 = kit.percentile(times, 95);
    kit.addRow({
      measure: `landing preview, thread followed by ${PREVIEW_PEOPLE} people (SQLite, InboxService), p95`,
      baseline: 'absolute',
      figure: kit.formatMs(p95),
      spread: `p50 ${kit.formatMs(p50)}`,
      goal: '< 50 ms',
      result: p95 < 50 ? 'PASS' : 'FAIL',
    });
    kit.context.push(
      `preview: ${PREVIEW_CALLS} calls after 50 warm-up calls: p50 ${kit.formatMs(p50)}, p95 ${kit.formatMs(p95)}, p99 ${kit.formatMs(kit.percentile(times, 99))} (rhythm profiles are cached per process after the first call)`,
    );
  } finally {
    await team.database.close();
    rmSync(team.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------

async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs the wanted delivery sections. */
export async function benchDeliveries(kit: BenchKit, wants: (name: string) => boolean): Promise<void> {
  const wantsPg = wants('release') || wants('lag') || wants('nextdue');
  if (wantsPg) {
    const problem = await postgresProblem();
    if (problem) kit.warnings.push(`WARNING: release/lag/nextdue skipped, no PostgreSQL: ${problem}`);
    else {
      const world = await createPgWorld(Math.max(wants('release') ? RELEASE_JOBS : 0, BURST));
      try {
        if (wants('release')) await benchRelease(kit, world);
        if (wants('lag') || wants('nextdue')) await benchBurst(kit, world, wants('lag'), wants('nextdue'));
      } finally {
        await world.drop();
      }
    }
  }
  if (wants('fanout')) await benchFanout(kit);
  if (wants('preview')) await benchPreview(kit);
}
