// The release path killed during release (issue 4, "Shown by tests"): 10,000 deliveries made through the
// real API (a hundred replies by five authors in four threads that 101 people follow), held until their
// recipients' start of work, which falls at one of two instants a minute apart by the server clock. The
// server is SIGKILLed several times while it releases them and started again; on PostgreSQL three servers
// share the work, one is killed twice and one frozen (SIGSTOP) past its lease, then resumed. Every delivery
// must be released exactly once (state, delivered time, one `inbox.delivered` event), none before its
// release instant by the server clock. Time is driven through the test-mode clock route, 20x real time.
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { ExpectStatic } from 'vitest';
import type { DatabaseConfig } from '../src/platform/config.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { createPerson, createWorkspace } from './factories.js';
import type { TestPerson } from './factories.js';
import { ServerProcess, call, createPostgresDatabase, runPostgres, sleep } from './kill-harness.js';
import type { Answer } from './kill-harness.js';

const peopleCount = 101;
const authorCount = 5;
const threadCount = 4;
const replyCount = 100;
/** Every reply reaches every follower but its author. */
const deliveryCount = replyCount * (peopleCount - 1);
const utc = (iso: string) => Date.parse(iso);
/** Monday 8 March 2027, Europe/London on GMT (UTC+0): the setup runs well before anyone's work starts. */
const setupAt = utc('2027-03-08T08:40:00Z');
/** Half the people start work at 09:00, half at 09:01: every delivery falls due within one minute. */
const startOfWork = (i: number) => (i % 2 === 0 ? '09:00' : '09:01');
const releaseInstant = (i: number) => utc(`2027-03-08T${startOfWork(i)}:00Z`);
/** The clock drive starts ten seconds before the first release. */
const driveFrom = utc('2027-03-08T08:59:50Z');
/** Server time moves this much every 50 ms of real time: 20x (a 30 s lease ends in 1.5 s). */
const stepMs = 1_000;

interface World {
  people: TestPerson[];
  /** The release instant of each person's deliveries, by person id: computed here, not by the server. */
  expectedRelease: Map<string, number>;
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** Runs `task` over `items`, `width` at a time. */
async function pool<T>(items: readonly T[], width: number, task: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/** Migrates and writes the workspace and its people with API tokens (rows: sign-up is not under test). */
async function prepare(config: DatabaseConfig): Promise<World> {
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const workspaceId = await createWorkspace(database.db, 'Crash');
    const people: TestPerson[] = [];
    for (let i = 0; i < peopleCount; i++)
      people.push(await createPerson(database.db, workspaceId, i === 0 ? 'owner' : 'member'));
    const expectedRelease = new Map(people.map((p, i) => [p.id, releaseInstant(i)]));
    return { people, expectedRelease };
  } finally {
    await database.close();
  }
}

/**
 * Through the API of the servers (round robin): rhythms, a public channel, four threads that everyone
 * follows, then the hundred replies, with some concurrency. Returns the ids of the replies.
 */
async function post(servers: ServerProcess[], world: World): Promise<string[]> {
  const url = (i: number) => servers[i % servers.length]!.url;
  const { people } = world;
  await pool(people, 8, async (p, i) => {
    const day = [`${startOfWork(i)}-17:00`];
    const rhythm = { timeZone: 'Europe/London', week: { mon: day, tue: day, wed: day, thu: day, fri: day } };
    const body = { rhythm, focus: {}, delivery: { mode: 'as-they-come', batchTimes: [] } };
    expectStatus(await call(url(i), 'PUT', '/api/v1/me/rhythm', { headers: p.headers, body }), 200, 'rhythm');
  });
  const owner = people[0]!;
  const channel = await call(url(0), 'POST', '/api/v1/channels', {
    headers: owner.headers,
    body: { name: 'release', visibility: 'public' },
  });
  expectStatus(channel, 201, 'channel');
  const threadIds: string[] = [];
  for (let t = 0; t < threadCount; t++) {
    // A new thread has no followers yet: its first post reaches nobody.
    const thread = await call(url(t), 'POST', `/api/v1/channels/${channel.body.id}/threads`, {
      headers: owner.headers,
      body: { title: `Thread ${t}`, markdown: 'Start' },
    });
    expectStatus(thread, 201, 'thread');
    threadIds.push(thread.body.thread.id as string);
  }
  const follows = people.flatMap((p) => threadIds.map((threadId) => ({ p, threadId })));
  await pool(follows, 8, async ({ p, threadId }, i) => {
    const answer = await call(url(i), 'PUT', `/api/v1/threads/${threadId}/follow`, { headers: p.headers });
    expectStatus(answer, 200, 'follow');
  });
  const replies = Array.from({ length: replyCount }, (_, i) => i);
  const postIds: string[] = [];
  await pool(replies, 6, async (i) => {
    const author = people[1 + (i % authorCount)]!;
    const answer = await call(url(i), 'POST', `/api/v1/threads/${threadIds[i % threadCount]}/posts`, {
      headers: author.headers,
      body: { markdown: `Reply ${i}` },
    });
    expectStatus(answer, 201, 'reply');
    postIds.push(answer.body.id as string);
  });
  return postIds;
}

/** Moves every live server's clock forward in steps until stopped; a restarted one is set again. */
function driveClock(servers: ServerProcess[], from: number) {
  let now = from;
  let isDone = false;
  const frozen = new Set<ServerProcess>();
  const loop = (async () => {
    while (!isDone) {
      now += stepMs;
      await Promise.all(
        servers
          .filter((s) => !frozen.has(s))
          .map((s) => call(s.url, 'POST', '/api/v1/test/clock', { body: { now } }).catch(() => undefined)),
      );
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

async function setClock(servers: ServerProcess[], now: number): Promise<void> {
  for (const s of servers)
    expectStatus(await call(s.url, 'POST', '/api/v1/test/clock', { body: { now } }), 200, 'clock');
}

/** Waits until `check` holds, polling; throws with `what` after `ms`. */
async function waitUntil(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting: ${what}`);
    await sleep(10);
  }
}

interface Row {
  id: string;
  person_id: string;
  post_id: string;
  state: string;
  release_at: number | string | null;
  delivered_at: number | string | null;
}
interface EventRow {
  person_id: string;
  payload: string;
}

/** What the database holds after the release, read with plain SQL. */
interface Outcome {
  deliveries: Row[];
  events: EventRow[];
  /** Release jobs not done. */
  unfinishedJobs: number;
}

function verify(expect: ExpectStatic, world: World, postIds: string[], outcome: Outcome) {
  const { deliveries, events } = outcome;
  expect(new Set(postIds).size, 'replies posted').toBe(replyCount);
  expect(deliveries.length, 'deliveries').toBe(deliveryCount);
  const pairs = new Set(deliveries.map((d) => `${d.post_id}:${d.person_id}`));
  expect(pairs.size, 'one delivery per post and recipient').toBe(deliveryCount);
  const problems: string[] = [];
  for (const d of deliveries) {
    const expected = world.expectedRelease.get(d.person_id);
    const releaseAt = Number(d.release_at);
    const deliveredAt = Number(d.delivered_at);
    if (d.state !== 'delivered') problems.push(`${d.id} is ${d.state}`);
    else if (releaseAt !== expected) problems.push(`${d.id} planned for ${releaseAt}, not ${expected}`);
    else if (d.delivered_at === null || deliveredAt < releaseAt)
      problems.push(`${d.id} delivered at ${deliveredAt}, before its release at ${releaseAt}`);
    // A sanity bound only: a server's clock ticks on between two steps of the drive (more so while it is
    // busy), so it may run a little ahead of the driven time; an hour of server time is 3 minutes here.
    else if (deliveredAt > driveFrom + 3_600_000)
      problems.push(`${d.id} delivered at ${deliveredAt}, long after the release`);
  }
  expect(problems.length, `deliveries wrong, the first:\n${problems.slice(0, 10).join('\n')}`).toBe(0);
  // Exactly one inbox.delivered event per delivery, to its recipient.
  const recipientOf = new Map(deliveries.map((d) => [d.id, d.person_id]));
  const eventCounts = new Map<string, number>();
  const misdirected: string[] = [];
  for (const e of events) {
    const deliveryId = (JSON.parse(e.payload) as { deliveryId: string }).deliveryId;
    eventCounts.set(deliveryId, (eventCounts.get(deliveryId) ?? 0) + 1);
    if (recipientOf.get(deliveryId) !== e.person_id) misdirected.push(deliveryId);
  }
  expect(misdirected, 'events for another person or no delivery').toEqual([]);
  expect(
    [...eventCounts].filter(([, n]) => n > 1).map(([id]) => id),
    'deliveries announced twice',
  ).toEqual([]);
  expect(eventCounts.size, 'deliveries announced').toBe(deliveryCount);
  expect(outcome.unfinishedJobs, 'release jobs not done').toBe(0);
}

const deliveriesSql = 'select id, person_id, post_id, state, release_at, delivered_at from deliveries';
const eventsSql = "select person_id, payload from events where type = 'inbox.delivered'";
const unfinishedSql =
  "select count(*) as n from scheduled_jobs where kind = 'delivery.release' and state <> 'done'";

describe.concurrent('deliveries released while the server is killed', { timeout: 180_000 }, () => {
  it('releases 10,000 deliveries exactly once and none early across SIGKILLs [sqlite]', async ({
    expect,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), 'meanwhile-delivery-kill-'));
    const file = join(dir, 'meanwhile.sqlite');
    const world = await prepare({ kind: 'sqlite', file }).catch(async (error: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw error;
    });
    const server = new ServerProcess({ MEANWHILE_DATA_DIR: dir, MEANWHILE_TEST_MODE: '1' });
    const db = new BetterSqlite3(file, { readonly: true });
    const released = () =>
      (db.prepare("select count(*) as n from deliveries where state = 'delivered'").get() as { n: number }).n;
    const claimedBy = (pid: number) =>
      (
        db
          .prepare(
            "select count(*) as n from scheduled_jobs where kind = 'delivery.release' and state = 'claimed' and claimed_by like ?",
          )
          .get(`%:${pid}:%`) as { n: number }
      ).n;
    try {
      await server.start();
      await setClock([server], setupAt);
      const setupStart = Date.now();
      const postIds = await post([server], world);
      const releaseStart = Date.now();
      expect(released(), 'nothing is delivered before the start of work').toBe(0);
      const clock = driveClock([server], driveFrom);
      // Kill while deliveries are being released, several times: once this life of the server holds
      // release jobs it claimed (committed before it runs them) or has released something, at once or a
      // little later, whether its releases run one job per transaction or in batches. Up to five kills,
      // until one of them also lands after some deliveries are out and before the rest are.
      const atKills: number[] = [];
      const isPartial = (n: number) => n > 0 && n < deliveryCount;
      while (atKills.length < 3 || (!atKills.some(isPartial) && atKills.length < 5)) {
        const before = released();
        if (before >= deliveryCount) break;
        // The extra kills wait for a commit of this life, to land between two of its commits.
        const isClaimEnough = atKills.length < 3;
        await waitUntil(
          async () => released() > before || (isClaimEnough && claimedBy(server.pid!) > 0),
          'release work',
        );
        if (released() >= deliveryCount) break;
        await sleep(randomInt(60));
        await server.stop('SIGKILL');
        const atKill = released();
        await server.start();
        // Landed after the last release: not a kill during the release.
        if (atKill >= deliveryCount) break;
        atKills.push(atKill);
      }
      await waitUntil(async () => released() >= deliveryCount, 'every delivery released', 90_000);
      await sleep(300); // a duplicate release, if any, would land now
      await clock.stop();
      await server.stop('SIGTERM');
      console.info(
        `delivery crash test [sqlite]: setup ${releaseStart - setupStart} ms, release ${Date.now() - releaseStart} ms, ` +
          `released at the kills ${atKills.join(', ')}`,
      );
      expect(atKills.length, 'kills during the release').toBeGreaterThanOrEqual(3);
      verify(expect, world, postIds, {
        deliveries: db.prepare(deliveriesSql).all() as Row[],
        events: db.prepare(eventsSql).all() as EventRow[],
        unfinishedJobs: (db.prepare(unfinishedSql).get() as { n: number }).n,
      });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
      await server.stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(runPostgres)(
    'releases 10,000 deliveries exactly once with 3 processes, one killed and one frozen past its lease [postgres]',
    async ({ expect }) => {
      const database = await createPostgresDatabase('meanwhile_dkill');
      const url = new URL(database.url);
      const client = new pg.Client({ connectionString: url.toString() });
      const env = { DATABASE_URL: url.toString(), MEANWHILE_DATA_DIR: tmpdir(), MEANWHILE_TEST_MODE: '1' };
      const servers = [0, 1, 2].map(() => new ServerProcess(env));
      try {
        const world = await prepare({ kind: 'postgres', url: url.toString() });
        await client.connect();
        const released = async () =>
          (await client.query("select count(*)::int as n from deliveries where state = 'delivered'")).rows[0]
            .n as number;
        await Promise.all(servers.map((s) => s.start()));
        await setClock(servers, setupAt);
        const setupStart = Date.now();
        const postIds = await post(servers, world);
        const releaseStart = Date.now();
        expect(await released(), 'nothing is delivered before the start of work').toBe(0);
        const clock = driveClock(servers, driveFrom);
        const [killed, frozen] = [servers[0]!, servers[1]!];
        await waitUntil(async () => (await released()) > 0, 'release progress');
        // Freeze one mid-release; the others' clocks run on past its lease (30 s = 1.5 s here).
        frozen.signal('SIGSTOP');
        clock.freeze(frozen);
        const atKills: number[] = [];
        for (let kill = 0; kill < 2; kill++) {
          await sleep(randomInt(150));
          await killed.stop('SIGKILL');
          atKills.push(await released());
          await killed.start();
        }
        const stoppedAt = clock.now();
        await waitUntil(async () => clock.now() > stoppedAt + 35_000, 'the lease of the frozen one');
        frozen.signal('SIGCONT');
        clock.thaw(frozen);
        await waitUntil(async () => (await released()) >= deliveryCount, 'every delivery released', 90_000);
        await sleep(300); // the resumed process's stale work, if any, lands now and must change nothing
        await clock.stop();
        console.info(
          `delivery crash test [postgres]: setup ${releaseStart - setupStart} ms, release ${Date.now() - releaseStart} ms, ` +
            `released at the kills ${atKills.join(', ')}`,
        );
        expect(
          atKills.some((n) => n < deliveryCount),
          'a kill during the release',
        ).toBe(true);
        const workers = await client.query(
          "select count(distinct claimed_by)::int as n from scheduled_jobs where kind = 'delivery.release'",
        );
        console.info(`delivery crash test [postgres]: release jobs done by ${workers.rows[0].n} workers`);
        verify(expect, world, postIds, {
          deliveries: (await client.query(deliveriesSql)).rows as Row[],
          events: (await client.query(eventsSql)).rows as EventRow[],
          unfinishedJobs: Number((await client.query(unfinishedSql)).rows[0].n),
        });
      } finally {
        for (const s of servers) s.signal('SIGCONT');
        await Promise.all(servers.map((s) => s.stop('SIGKILL')));
        await client.end().catch(() => undefined);
        await database.drop();
      }
    },
  );
});
