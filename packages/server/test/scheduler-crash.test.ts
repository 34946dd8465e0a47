// The scheduler's crash tests (issue 4, "Shown by tests"): thousands of test-only jobs (`test.probe`, which
// inserts a row into `test_job_runs` in the job's transaction) fall due within a minute of server time,
// while the server is SIGKILLed and restarted during release; on PostgreSQL three servers share the queue
// and one is frozen (SIGSTOP) past its lease, then resumed. Every job must run exactly once, none before
// its due time by the server clock. Time is driven through the test-mode clock route, 10x real time.
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { ExpectStatic } from 'vitest';
import type { DatabaseConfig } from '../src/platform/config.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { testProbeKind } from '../src/platform/scheduler/test-probe-job.js';
import { newId } from '../src/shared/new-id.js';
import { ServerProcess, call, createPostgresDatabase, runPostgres, sleep } from './kill-harness.js';

const jobCount = 2_000;
const spreadMs = 60_000;
/** Server time moves this much per step, a step every 50 ms of real time: 10x, so that the minute of due
 * times spans 6 s of real time and three kills fit inside the release even on a fast, idle machine. */
const stepMs = 500;

interface Run {
  job_id: string;
  due_at: number | string;
  ran_at: number | string;
}

/** Migrates, creates the probe table, and queues the jobs due over the next minute of `start`. */
async function prepare(config: DatabaseConfig, start: number): Promise<Map<string, number>> {
  const database = openDatabase(config);
  const dueTimes = new Map<string, number>();
  try {
    await migrateToLatest(database.db);
    await sql`create table test_job_runs (job_id text not null, due_at bigint not null,
      ran_at bigint not null, worker_id text not null)`.execute(database.db);
    const rows = Array.from({ length: jobCount }, (_, i) => {
      const dueAt = start + 1_000 + Math.floor((i * spreadMs) / jobCount);
      const id = newId(start);
      dueTimes.set(id, dueAt);
      return {
        id,
        kind: testProbeKind,
        subjectId: `probe-${i}`,
        workspaceId: null,
        dueAt,
        state: 'pending' as const,
        claimedBy: null,
        leaseUntil: null,
        fencingToken: 0,
        attempts: 0,
        lastError: null,
        createdAt: start,
        doneAt: null,
      };
    });
    for (let i = 0; i < rows.length; i += 250) {
      await database.db
        .insertInto('scheduledJobs')
        .values(rows.slice(i, i + 250))
        .execute();
    }
  } finally {
    await database.close();
  }
  return dueTimes;
}

/**
 * Moves every live server's clock forward in steps until stopped; a restarted one is set again. Time moves
 * only while some server hears it, so that the minute of due times is spent releasing, however long a
 * restart takes on a loaded machine (batched releases catch up with a backlog in a moment).
 */
function driveClock(servers: ServerProcess[], start: number) {
  let now = start;
  let isDone = false;
  const frozen = new Set<ServerProcess>();
  const loop = (async () => {
    while (!isDone) {
      const next = now + stepMs;
      const heard = await Promise.all(
        servers
          .filter((s) => !frozen.has(s))
          .map((s) =>
            call(s.url, 'POST', '/api/v1/test/clock', { body: { now: next } }).then(
              (answer) => answer.status < 300,
              () => false,
            ),
          ),
      );
      if (heard.includes(true)) now = next;
      await sleep(50);
    }
  })();
  return {
    now: () => now,
    freeze: (s: ServerProcess) => frozen.add(s),
    thaw: (s: ServerProcess) => frozen.delete(s),
    stop: async () => {
      isDone = true;
      await loop;
    },
  };
}

async function waitUntilAllDone(countPending: () => Promise<number>): Promise<void> {
  const until = Date.now() + 60_000;
  while ((await countPending()) > 0) {
    if (Date.now() > until) throw new Error(`jobs still pending: ${await countPending()}`);
    await sleep(100);
  }
}

function verifyRuns(expect: ExpectStatic, dueTimes: Map<string, number>, runs: Run[]): void {
  const counts = new Map<string, number>();
  for (const run of runs) {
    counts.set(run.job_id, (counts.get(run.job_id) ?? 0) + 1);
    expect(Number(run.ran_at), `${run.job_id} ran before its time`).toBeGreaterThanOrEqual(
      Number(run.due_at),
    );
    expect(Number(run.due_at)).toBe(dueTimes.get(run.job_id));
  }
  expect(
    [...counts.values()].filter((n) => n > 1),
    'jobs that ran twice',
  ).toEqual([]);
  expect(counts.size, 'jobs that ran').toBe(dueTimes.size);
}

describe.concurrent('the scheduler killed during release', { timeout: 120_000 }, () => {
  it('runs every job exactly once and none early across SIGKILLs [sqlite]', async ({ expect }) => {
    const dir = await mkdtemp(join(tmpdir(), 'meanwhile-sched-kill-'));
    const file = join(dir, 'meanwhile.sqlite');
    const start = Date.now();
    const dueTimes = await prepare({ kind: 'sqlite', file }, start);
    const server = new ServerProcess({ MEANWHILE_DATA_DIR: dir, MEANWHILE_TEST_MODE: '1' });
    const db = new BetterSqlite3(file, { readonly: true });
    const pending = async () =>
      (
        db
          .prepare("select count(*) as n from scheduled_jobs where kind = 'test.probe' and state <> 'done'")
          .get() as { n: number }
      ).n;
    try {
      await server.start();
      const clock = driveClock([server], start);
      let kills = 0;
      // Kill while jobs are being released (some done, some not), several times.
      while (kills < 3 && (await pending()) > 0) {
        await sleep(300 + randomInt(700));
        await server.stop('SIGKILL');
        kills += 1;
        await server.start();
      }
      await waitUntilAllDone(pending);
      await clock.stop();
      await server.stop('SIGTERM');
      expect(kills).toBeGreaterThanOrEqual(3);
      verifyRuns(
        expect,
        dueTimes,
        db.prepare('select job_id, due_at, ran_at from test_job_runs').all() as Run[],
      );
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
      await server.stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(runPostgres)(
    'runs every job exactly once with 3 processes, one killed and one frozen past its lease [postgres]',
    async ({ expect }) => {
      const database = await createPostgresDatabase('meanwhile_sched');
      const url = new URL(database.url);
      const client = new pg.Client({ connectionString: url.toString() });
      const env = { DATABASE_URL: url.toString(), MEANWHILE_DATA_DIR: tmpdir(), MEANWHILE_TEST_MODE: '1' };
      const servers = [0, 1, 2].map(() => new ServerProcess(env));
      try {
        const start = Date.now();
        const dueTimes = await prepare({ kind: 'postgres', url: url.toString() }, start);
        await client.connect();
        const pending = async () =>
          (
            await client.query(
              "select count(*)::int as n from scheduled_jobs where kind = 'test.probe' and state <> 'done'",
            )
          ).rows[0].n;
        await Promise.all(servers.map((s) => s.start()));
        const clock = driveClock(servers, start);
        const [killed, frozen] = [servers[0]!, servers[1]!];
        await sleep(1_000);
        // Freeze one mid-release; the others' clocks run on past its lease (30 s = 3 s here).
        frozen.signal('SIGSTOP');
        clock.freeze(frozen);
        await killed.stop('SIGKILL');
        await killed.start();
        await sleep(500 + randomInt(500));
        await killed.stop('SIGKILL');
        await killed.start();
        await sleep(2_500);
        frozen.signal('SIGCONT');
        clock.thaw(frozen);
        await waitUntilAllDone(pending);
        await sleep(200); // the resumed process's stale completions, if any, land now and must change nothing
        await clock.stop();
        const runs = (await client.query('select job_id, due_at, ran_at from test_job_runs')).rows as Run[];
        verifyRuns(expect, dueTimes, runs);
        const workers = await client.query('select count(distinct worker_id)::int as n from test_job_runs');
        expect(workers.rows[0].n, 'processes that ran jobs').toBeGreaterThanOrEqual(3);
      } finally {
        for (const s of servers) s.signal('SIGCONT');
        await Promise.all(servers.map((s) => s.stop('SIGKILL')));
        await client.end().catch(() => undefined);
        await database.drop();
      }
    },
  );
});
