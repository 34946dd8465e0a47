// Live updates across processes (issue 4): three server processes on one PostgreSQL database. A person
// connected to process A's `/api/v1/events` receives the `inbox.delivered` events of deliveries released
// by processes B and C (A's clock is kept before the release, so A cannot release them itself), through
// PostgreSQL LISTEN/NOTIFY. Reconnecting to another process with `Last-Event-ID` resumes without loss or
// duplicates, and only ever with the caller's own events: another person's never appear.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { testPostgresUrl } from './dialects.js';
import { createPerson, createWorkspace } from './factories.js';
import type { TestPerson } from './factories.js';
import { ServerProcess, call, runPostgres, sleep } from './kill-harness.js';
import type { Answer } from './kill-harness.js';

const utc = (iso: string) => Date.parse(iso);

interface StreamedEvent {
  id: string;
  type: string;
  payload: { deliveryId: string; postId: string };
}

/** An open SSE connection, parsed as a browser does (an unfinished last block is dropped). */
interface Stream {
  events(): StreamedEvent[];
  close(): void;
}

function connect(base: string, person: TestPerson, lastEventId?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...person.headers };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const req: ClientRequest = request(`${base}/api/v1/events`, { headers });
    req.on('error', reject);
    req.on('response', (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the stream answered ${response.statusCode}`));
        return;
      }
      let raw = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (raw += chunk));
      response.on('error', () => undefined);
      resolve({
        events: () =>
          raw
            .split(/\r\n\r\n|\n\n|\r\r/)
            .slice(0, -1)
            .map((block) => block.split(/\r\n|\n|\r/).filter((l) => l.startsWith('data:')))
            .filter((lines) => lines.length > 0)
            .map((lines) => JSON.parse(lines.map((l) => l.slice(5).trimStart()).join('\n')) as StreamedEvent),
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
}

describe.skipIf(!runPostgres)(
  'live updates across three processes on PostgreSQL',
  { timeout: 120_000 },
  () => {
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    const name = `meanwhile_events_${process.pid}_${randomBytes(4).toString('hex')}`;
    const url = new URL(testPostgresUrl);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    const env = { DATABASE_URL: url.toString(), MEANWHILE_DATA_DIR: tmpdir(), MEANWHILE_TEST_MODE: '1' };
    const [a, b, c] = [0, 1, 2].map(() => new ServerProcess(env)) as [
      ServerProcess,
      ServerProcess,
      ServerProcess,
    ];
    let ana: TestPerson;
    let ben: TestPerson;
    let author: TestPerson;
    let channelId: string;
    const streams: Stream[] = [];

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`create database "${name}"`);
      const database = openDatabase({ kind: 'postgres', url: url.toString() });
      try {
        await migrateToLatest(database.db);
        const workspaceId = await createWorkspace(database.db, 'Events');
        author = await createPerson(database.db, workspaceId, 'owner');
        ana = await createPerson(database.db, workspaceId);
        ben = await createPerson(database.db, workspaceId);
      } finally {
        await database.close();
      }
      await client.connect();
      await Promise.all([a, b, c].map((s) => s.start()));
      await setClock([a, b, c], '2027-03-08T08:00:00Z');
      const day = ['09:00-17:00'];
      for (const p of [ana, ben, author]) {
        const body = {
          rhythm: { timeZone: 'Europe/London', week: { mon: day, tue: day, wed: day, thu: day, fri: day } },
          focus: {},
          delivery: { mode: 'as-they-come', batchTimes: [] },
        };
        expectStatus(
          await call(a.url, 'PUT', '/api/v1/me/rhythm', { headers: p.headers, body }),
          200,
          'rhythm',
        );
      }
      const channel = await call(a.url, 'POST', '/api/v1/channels', {
        headers: author.headers,
        body: { name: 'live', visibility: 'public' },
      });
      expectStatus(channel, 201, 'channel');
      channelId = channel.body.id as string;
    }, 60_000);

    afterAll(async () => {
      for (const s of streams) s.close();
      await Promise.all([a, b, c].map((s) => s.stop('SIGKILL')));
      await client.end().catch(() => undefined);
      await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await admin.end();
    });

    async function setClock(servers: ServerProcess[], iso: string): Promise<void> {
      for (const s of servers)
        expectStatus(await call(s.url, 'POST', '/api/v1/test/clock', { body: { now: iso } }), 200, 'clock');
    }

    /** A thread mentioning Ana and Ben, posted through `server`; returns its post id. */
    async function postTo(server: ServerProcess, title: string): Promise<string> {
      const answer = await call(server.url, 'POST', `/api/v1/channels/${channelId}/threads`, {
        headers: author.headers,
        body: { title, markdown: 'Hello', mentions: [ana.id, ben.id] },
      });
      expectStatus(answer, 201, 'post');
      return answer.body.post.id as string;
    }

    async function deliveriesOf(
      person: TestPerson,
    ): Promise<{ id: string; state: string; postId: string }[]> {
      const rows = await client.query(
        'select id, state, post_id as "postId" from deliveries where person_id = $1 order by id',
        [person.id],
      );
      return rows.rows;
    }

    /** The workers that released the jobs of a person's release instant (`workspace:person:releaseAt`). */
    async function releasersOf(person: TestPerson, releaseAt: string): Promise<string[]> {
      const rows = await client.query(
        "select claimed_by from scheduled_jobs where kind = 'delivery.release' and state = 'done' and subject_id like $1",
        [`%:${person.id}:${utc(releaseAt)}`],
      );
      return rows.rows.map((r: { claimed_by: string }) => r.claimed_by);
    }

    it("streams on A what B and C release, resumes on C after Last-Event-ID, and shows nobody else's", async () => {
      // Monday 08:00: held until 09:00 for both recipients.
      const morning = [await postTo(b, 'One'), await postTo(c, 'Two'), await postTo(b, 'Three')];
      const anaOnA = await connect(a.url, ana);
      const benOnA = await connect(a.url, ben);
      streams.push(anaOnA, benOnA);
      expect((await deliveriesOf(ana)).map((d) => d.state)).toEqual(['held', 'held', 'held']);
      // Only B and C reach 09:00; A stays at 08:00 and cannot release anything.
      await setClock([b, c], '2027-03-08T09:00:05Z');
      await waitFor(() => anaOnA.events().length >= 3 && benOnA.events().length >= 3, 'the morning release');
      const anaMorning = anaOnA.events();
      expect(anaMorning.map((e) => e.type)).toEqual([
        'inbox.delivered',
        'inbox.delivered',
        'inbox.delivered',
      ]);
      expect(anaMorning.map((e) => e.payload.postId).sort()).toEqual([...morning].sort());
      const pids = [b.pid, c.pid].map((pid) => `:${pid}:`);
      const releasers = await releasersOf(ana, '2027-03-08T09:00:00Z');
      expect(releasers).toHaveLength(1);
      expect(
        pids.some((pid) => releasers[0]!.includes(pid)),
        `released by ${releasers[0]}`,
      ).toBe(true);
      expect(releasers[0]).not.toContain(`:${a.pid}:`);

      // Ana leaves after the morning; Monday evening posts are held until Tuesday 09:00, released meanwhile.
      anaOnA.close();
      await setClock([b, c], '2027-03-08T18:00:00Z');
      const tuesday = [await postTo(c, 'Four'), await postTo(b, 'Five')];
      await setClock([b, c], '2027-03-09T09:00:05Z');
      await waitFor(
        async () => (await deliveriesOf(ana)).every((d) => d.state === 'delivered'),
        'the Tuesday release',
      );

      // She comes back on C, after the second event she saw: the third and Tuesday's two, nothing else.
      const anaOnC = await connect(c.url, ana, anaMorning[1]!.id);
      streams.push(anaOnC);
      await waitFor(() => anaOnC.events().length >= 3, 'the replay');
      // Then live on C: a post written on B during her working hours, delivered at once.
      const live = await postTo(b, 'Six');
      await waitFor(() => anaOnC.events().length >= 4, 'the live event on C');
      await sleep(300); // a duplicate, if any, would arrive now
      const resumed = anaOnC.events();
      expect(resumed).toHaveLength(4);
      expect(resumed[0]!.payload.postId).toBe(anaMorning[2]!.payload.postId);
      expect(
        resumed
          .slice(1, 3)
          .map((e) => e.payload.postId)
          .sort(),
      ).toEqual([...tuesday].sort());
      expect(resumed[3]!.payload.postId).toBe(live);

      // No loss, no duplicate: what she saw before the cursor and after it is each of her deliveries once.
      const seen = [...anaMorning.slice(0, 2), ...resumed];
      const ids = seen.map((e) => BigInt(e.id));
      expect(
        ids.every((id, i) => i === 0 || id > ids[i - 1]!),
        'event ids increase',
      ).toBe(true);
      const mine = await deliveriesOf(ana);
      expect(mine).toHaveLength(6);
      expect(seen.map((e) => e.payload.deliveryId).sort()).toEqual(mine.map((d) => d.id).sort());
      // Ben's events went to Ben alone.
      const bens = new Set((await deliveriesOf(ben)).map((d) => d.id));
      expect(seen.filter((e) => bens.has(e.payload.deliveryId))).toEqual([]);
      expect(benOnA.events().every((e) => bens.has(e.payload.deliveryId))).toBe(true);
      expect(benOnA.events().length).toBe(6);
    });
  },
);
