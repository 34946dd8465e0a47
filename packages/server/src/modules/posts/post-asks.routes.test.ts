// Asks and interrupts on the posts of a thread page (post-view.ts): shown to every reader of the post,
// due times in the asked person's zone and the reader's, read once per page; and kept pages refreshed by
// the triggers of migrations/2026-12-06T0900_ask_page_version.ts when an ask or a zone changes.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';

const utc = (iso: string) => Date.parse(iso);
const nine2five = ['09:00-17:00'];
const week = {
  mon: nine2five,
  tue: nine2five,
  wed: nine2five,
  thu: nine2five,
  fri: nine2five,
  sat: [],
  sun: [],
};

interface Clock {
  date: string;
  time: string;
  timeZone: string;
  utcOffsetMinutes: number;
}
interface AskView {
  id: string;
  personId: string;
  level: string;
  state: string;
  dueAt: { at: string; epochMs: number; theirs: Clock; mine: Clock } | null;
}
interface PostBody {
  id: string;
  asks: AskView[];
  interrupt: { reason: string; emergency: boolean } | null;
}

describeEachDialect('asks and interrupts on thread pages', (ctx) => {
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let channelId: string;
  const clock = createTestClock({ start: utc('2027-01-11T09:00:00Z'), isTicking: false }); // Mon 10:00 Berlin

  const call = (who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const db = () => ctx.database().db;

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, { testClock: clock }));
    team = await createTeam(db());
    const channel = await call(team.owner, 'POST', '/api/v1/channels', { name: 'ops', visibility: 'public' });
    expect(channel.statusCode, channel.body).toBe(201);
    channelId = channel.json<{ id: string }>().id;
  });
  afterAll(() => app.close());

  async function setZone(p: TestPerson, timeZone: string) {
    const res = await call(p, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  async function person(timeZone: string) {
    const p = await createPerson(db(), team.workspaceId, 'member');
    await setZone(p, timeZone);
    return p;
  }
  async function startThread(author: TestPerson, body: object) {
    const res = await call(author, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: 'Incident',
      markdown: 'Hello',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ thread: { id: string }; post: PostBody }>();
  }
  async function page(who: TestPerson, threadId: string) {
    const res = await call(who, 'GET', `/api/v1/threads/${threadId}/posts`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }
  /** Reads twice, so that the page is kept (and served kept the second time). */
  async function readTwice(who: TestPerson, threadId: string): Promise<PostBody[]> {
    const first = await page(who, threadId);
    expect((await page(who, threadId)).body).toBe(first.body);
    return first.json<{ items: PostBody[] }>().items;
  }
  const byPerson = (asks: AskView[]) => [...asks].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const pageVersion = async (threadId: string) =>
    Number(
      (await sql<{ v: number }>`select page_version as v from threads where id = ${threadId}`.execute(db()))
        .rows[0]!.v,
    );

  it('shows each post its asks, with state and due time in both zones, and its interrupt, to every reader', async () => {
    const ana = await person('Europe/Berlin');
    const lea = await person('Europe/Berlin');
    const sam = await person('America/Los_Angeles'); // 01:00 on Monday: the ask is held, not yet due
    const reader = await person('America/New_York');
    clock.set(utc('2027-01-11T09:00:00Z'));
    const { thread, post } = await startThread(ana, {
      asks: [
        { personId: lea.id, level: 'today' },
        { personId: sam.id, level: 'normal' },
      ],
    });
    const reply = await call(ana, 'POST', `/api/v1/threads/${thread.id}/posts`, {
      markdown: 'Checkout fails for everyone.',
      mentions: [lea.id],
      interrupt: { reason: 'Production is down' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json<PostBody>()).toMatchObject({
      asks: [],
      interrupt: { reason: 'Production is down', emergency: false },
    });

    const dueForLea = {
      at: '2027-01-11T13:00:00.000Z', // 4 working hours from 10:00 in Berlin
      epochMs: utc('2027-01-11T13:00:00Z'),
      theirs: { date: '2027-01-11', time: '14:00', timeZone: 'Europe/Berlin', utcOffsetMinutes: 60 },
      mine: { date: '2027-01-11', time: '08:00', timeZone: 'America/New_York', utcOffsetMinutes: -300 },
    };
    const expected = byPerson([
      { id: expect.any(String) as string, personId: lea.id, level: 'today', state: 'open', dueAt: dueForLea },
      { id: expect.any(String) as string, personId: sam.id, level: 'normal', state: 'open', dueAt: null },
    ]);
    // A reader who is neither the author nor asked sees the asks, due times in their own zone.
    const items = await readTwice(reader, thread.id);
    expect(items.map((p) => p.id)).toEqual([post.id, reply.json<PostBody>().id]);
    expect(byPerson(items[0]!.asks)).toEqual(expected);
    expect(items[0]!.interrupt).toBeNull();
    expect(items[1]!.asks).toEqual([]);
    expect(items[1]!.interrupt).toEqual({ reason: 'Production is down', emergency: false });
    // The author's new post said the same, with `mine` in the author's zone.
    expect(byPerson(post.asks).map((a) => [a.personId, a.dueAt?.mine ?? null])).toEqual(
      expected.map((a) => [
        a.personId,
        a.dueAt && { date: '2027-01-11', time: '14:00', timeZone: 'Europe/Berlin', utcOffsetMinutes: 60 },
      ]),
    );
    expect(byPerson(post.asks).map((a) => a.id)).toEqual(byPerson(items[0]!.asks).map((a) => a.id));
    // A guest who may not read the channel sees no page at all.
    expect((await call(team.guest, 'GET', `/api/v1/threads/${thread.id}/posts`)).statusCode).toBe(404);
  });

  it('shows an ask answered, declined or re-planned, and a reader’s new zone, on the next read of a kept page', async () => {
    const ana = await person('Europe/Berlin');
    const lea = await person('Europe/Berlin');
    const tom = await person('Europe/Berlin');
    const reader = await person('America/New_York');
    clock.set(utc('2027-01-12T09:00:00Z')); // Tuesday 10:00 in Berlin
    const { thread } = await startThread(ana, {
      asks: [
        { personId: lea.id, level: 'today' },
        { personId: tom.id, level: 'soon' },
      ],
    });
    const asks = byPerson((await readTwice(reader, thread.id))[0]!.asks);
    expect(asks.map((a) => a.state)).toEqual(['open', 'open']);
    const askOf = (p: TestPerson) => asks.find((a) => a.personId === p.id)!;

    const answered = await call(lea, 'POST', `/api/v1/asks/${askOf(lea).id}/answer`);
    expect(answered.statusCode, answered.body).toBe(200);
    let seen = byPerson((await readTwice(reader, thread.id))[0]!.asks);
    expect(seen.find((a) => a.personId === lea.id)!.state).toBe('answered');
    expect(seen.find((a) => a.personId === tom.id)!.state).toBe('open');

    const declined = await call(tom, 'POST', `/api/v1/asks/${askOf(tom).id}/decline`, { reason: 'Not mine' });
    expect(declined.statusCode, declined.body).toBe(200);
    seen = byPerson((await readTwice(reader, thread.id))[0]!.asks);
    expect(seen.find((a) => a.personId === tom.id)!.state).toBe('declined');
    // The decline reason stays the asker's: the page shows only the ask's fields.
    expect(Object.keys(seen.find((a) => a.personId === tom.id)!).sort()).toEqual(
      ['dueAt', 'id', 'level', 'personId', 'state'].sort(),
    );

    // Any write to an ask moves the version, whichever path makes it (here, by hand).
    const before = await pageVersion(thread.id);
    const newDue = utc('2027-01-12T15:00:00Z');
    await sql`update asks set due_at = ${newDue} where id = ${askOf(lea).id}`.execute(db());
    expect(await pageVersion(thread.id)).toBe(before + 1);
    seen = byPerson((await readTwice(reader, thread.id))[0]!.asks);
    expect(seen.find((a) => a.personId === lea.id)!.dueAt).toMatchObject({
      epochMs: newDue,
      theirs: { time: '16:00', timeZone: 'Europe/Berlin' },
      mine: { time: '10:00', timeZone: 'America/New_York' },
    });

    // The reader moves to Tokyo: their kept page is rebuilt with due times in their new zone.
    await setZone(reader, 'Asia/Tokyo');
    seen = byPerson((await readTwice(reader, thread.id))[0]!.asks);
    expect(seen.find((a) => a.personId === lea.id)!.dueAt?.mine).toEqual({
      date: '2027-01-13',
      time: '00:00',
      timeZone: 'Asia/Tokyo',
      utcOffsetMinutes: 540,
    });
  });

  it('shows no asks on a deleted post', async () => {
    const ana = await person('Europe/Berlin');
    const lea = await person('Europe/Berlin');
    const { thread, post } = await startThread(ana, { asks: [{ personId: lea.id, level: 'fyi' }] });
    expect((await readTwice(lea, thread.id))[0]!.asks).toHaveLength(1);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/posts/${post.id}`,
      headers: { ...ana.headers, 'if-match': '"1"' },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await readTwice(lea, thread.id))[0]!.asks).toEqual([]);
  });
});
