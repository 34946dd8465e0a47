// Scratch threads on both databases: only participants see them (every other caller, admins and guests
// included, gets the 404 a random id gets, and finds nothing in search or events); at expiry the scheduler
// deletes every row of them, counted table by table (and the FTS5 index on SQLite); promotion stops that.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { routeCalls, runJobsUntil } from '../../../test/route-calls.js';
import type { Method } from '../../../test/route-calls.js';
import { createTestClock } from '../../shared/clock.js';
import { newId } from '../../shared/new-id.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';

const day = 24 * 60 * 60 * 1000;

describeEachDialect('scratch threads', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  const clock = createTestClock({ start: Date.parse('2027-03-10T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let channelId: string;

  const { call, ok } = routeCalls(() => app);
  const db = () => ctx.database().db;

  interface Started {
    thread: {
      id: string;
      channelId: string;
      createdAt: string;
      scratch: { expiresAt: string; homeChannelId: string } | null;
    };
    post: { id: string };
    participantIds: string[];
  }
  /** A scratch thread by the owner with the member, in the public channel, with a few posts. */
  async function startScratch(days?: number, word = 'zanzibarish') {
    const started = await ok<Started>(
      team.owner,
      'POST',
      `/api/v1/channels/${channelId}/scratch-threads`,
      {
        title: `Thinking ${word}`,
        markdown: `Half-formed ${word} idea`,
        participantIds: [team.member.id],
        ...(days === undefined ? {} : { days }),
      },
      201,
    );
    const threadId = started.thread.id;
    clock.set(clock.now() + 60_000);
    const reply = await ok<{ id: string }>(
      team.member,
      'POST',
      `/api/v1/threads/${threadId}/posts`,
      {
        markdown: `Building on the ${word} idea @owner`,
        mentions: [team.owner.id],
        buildsOn: [started.post.id],
        asks: [{ personId: team.owner.id, level: 'normal' }],
      },
      201,
    );
    await ok(team.owner, 'PUT', `/api/v1/posts/${reply.id}/reactions/+1`);
    await ok(team.owner, 'PATCH', `/api/v1/posts/${started.post.id}`, {
      markdown: `Half-formed ${word} idea, edited`,
    });
    return { threadId, postIds: [started.post.id, reply.id], started };
  }

  const runUntil = (until: number) => runJobsUntil(db(), clock, scheduler, until);

  /** Rows left about the thread, its channel and its posts, table by table. */
  async function rowsLeft(threadId: string, scratchChannelId: string, postIds: string[], word: string) {
    const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) =>
      Number((await q.executeTakeFirstOrThrow()).n);
    const n = sql<number>`count(*)`.as('n');
    const byPost = (table: 'postVersions' | 'reactions' | 'postMentions') =>
      count(db().selectFrom(table).select(n).where('postId', 'in', postIds));
    const like = (id: string) =>
      count(db().selectFrom('events').select(n).where('payload', 'like', `%${id}%`));
    const counts: Record<string, number> = {
      threads: await count(db().selectFrom('threads').select(n).where('id', '=', threadId)),
      threadFollowers: await count(
        db().selectFrom('threadFollowers').select(n).where('threadId', '=', threadId),
      ),
      posts: await count(db().selectFrom('posts').select(n).where('threadId', '=', threadId)),
      postVersions: await byPost('postVersions'),
      reactions: await byPost('reactions'),
      postMentions: await byPost('postMentions'),
      postLinks: await count(
        db()
          .selectFrom('postLinks')
          .select(n)
          .where((eb) => eb.or([eb('postId', 'in', postIds), eb('buildsOnPostId', 'in', postIds)])),
      ),
      deliveries: await count(db().selectFrom('deliveries').select(n).where('threadId', '=', threadId)),
      asks: await count(db().selectFrom('asks').select(n).where('threadId', '=', threadId)),
      channels: await count(db().selectFrom('channels').select(n).where('id', '=', scratchChannelId)),
      channelMembers: await count(
        db().selectFrom('channelMembers').select(n).where('channelId', '=', scratchChannelId),
      ),
      events: (await Promise.all([threadId, ...postIds].map(like))).reduce((a, b) => a + b, 0),
    };
    if (ctx.dialect === 'sqlite') {
      const raw = async (text: string) =>
        Number((await sql<{ n: number }>`${sql.raw(text)}`.execute(db())).rows[0]!.n);
      const ids = postIds.map((id) => `'${id}'`).join(',');
      counts.post_search_ids = await raw(
        `select count(*) as n from post_search_ids where source_id in (${ids})`,
      );
      counts.post_search = await raw(
        `select count(*) as n from post_search where post_search match '${word}'`,
      );
      counts.thread_search_ids = await raw(
        `select count(*) as n from thread_search_ids where source_id = '${threadId}'`,
      );
    }
    return counts;
  }

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(db());
    channelId = (
      await ok<{ id: string }>(
        team.owner,
        'POST',
        '/api/v1/channels',
        { name: 'ideas', visibility: 'public' },
        201,
      )
    ).id;
  });
  afterAll(() => app.close());

  it('answers every non-participant (member, admin, guest) on every thread and post route as for a random id', async () => {
    const { threadId, postIds, started } = await startScratch();
    expect(started.participantIds.sort()).toEqual([team.owner.id, team.member.id].sort());
    expect(started.thread.scratch?.homeChannelId).toBe(channelId);
    const routes = (thread: string, post: string): [Method, string, object?][] => [
      ['GET', `/api/v1/threads/${thread}`],
      ['PATCH', `/api/v1/threads/${thread}`, { title: 'Mine now' }],
      ['PUT', `/api/v1/threads/${thread}/follow`],
      ['DELETE', `/api/v1/threads/${thread}/follow`],
      ['GET', `/api/v1/threads/${thread}/posts`],
      ['POST', `/api/v1/threads/${thread}/posts`, { markdown: 'Let me in' }],
      ['GET', `/api/v1/posts/${post}`],
      ['PATCH', `/api/v1/posts/${post}`, { markdown: 'Changed' }],
      ['DELETE', `/api/v1/posts/${post}`],
      ['GET', `/api/v1/posts/${post}/versions`],
      ['PUT', `/api/v1/posts/${post}/reactions/+1`],
      ['GET', `/api/v1/scratch-threads/${thread}`],
      ['POST', `/api/v1/scratch-threads/${thread}/participants`, { personIds: [team.other.id] }],
      ['POST', `/api/v1/scratch-threads/${thread}/promote`],
    ];
    const shape = (r: { statusCode: number; json(): { code: string; title: string } }) => ({
      status: r.statusCode,
      code: r.json().code,
      title: r.json().title,
    });
    const randomRoutes = routes(newId(), newId());
    for (const who of [team.other, team.admin, team.guest]) {
      for (const [index, [method, url, body]] of routes(threadId, postIds[1]!).entries()) {
        const [rMethod, rUrl, rBody] = randomRoutes[index]!;
        const hidden = shape(await call(who, method, url, body));
        const random = shape(await call(who, rMethod, rUrl, rBody));
        expect(hidden, `${who.role} ${method} ${url}`).toEqual(random);
        expect(hidden.status).toBe(404);
      }
    }
    // The participants read it; the non-participant's attempts above changed nothing.
    const page = await ok<{ items: { markdown: string; deleted: boolean }[] }>(
      team.member,
      'GET',
      `/api/v1/threads/${threadId}/posts`,
    );
    expect(page.items.map((p) => p.deleted)).toEqual([false, false]);
    expect((await ok<{ title: string }>(team.member, 'GET', `/api/v1/threads/${threadId}`)).title).toBe(
      'Thinking zanzibarish',
    );
    const list = await ok<{ items: { thread: { id: string } }[] }>(
      team.member,
      'GET',
      '/api/v1/scratch-threads',
    );
    expect(list.items.map((i) => i.thread.id)).toContain(threadId);
    const otherList = await ok<{ items: unknown[] }>(team.other, 'GET', '/api/v1/scratch-threads');
    expect(otherList.items).toEqual([]);
  });

  it('keeps scratch threads out of search, channel lists, thread lists and events of everyone else', async () => {
    const { threadId } = await startScratch(7, 'quokkaesque');
    const hits = async (who: TestPerson) =>
      (await ok<{ items: { threadId: string }[] }>(who, 'GET', '/api/v1/search?q=quokkaesque')).items;
    expect((await hits(team.member)).map((h) => h.threadId)).toContain(threadId);
    for (const who of [team.other, team.admin, team.guest]) expect(await hits(who)).toEqual([]);
    for (const who of [team.owner, team.member, team.admin]) {
      const channels = await ok<{ items: { name: string }[] }>(who, 'GET', '/api/v1/channels');
      expect(channels.items.map((c) => c.name)).toEqual(['ideas']);
      const threads = await ok<{ items: { id: string }[] }>(
        who,
        'GET',
        `/api/v1/channels/${channelId}/threads`,
      );
      expect(threads.items.map((t) => t.id)).not.toContain(threadId);
    }
    const foreignEvents = await db()
      .selectFrom('events')
      .select('id')
      .where('personId', 'in', [team.other.id, team.admin.id, team.guest.id])
      .where('payload', 'like', `%${threadId}%`)
      .execute();
    expect(foreignEvents).toEqual([]);
  });

  it('refuses an interrupt in a scratch thread', async () => {
    const { threadId } = await startScratch(7, 'wombatlike');
    const response = await call(team.owner, 'POST', `/api/v1/threads/${threadId}/posts`, {
      markdown: 'Now!',
      mentions: [team.member.id],
      interrupt: { reason: 'urgent' },
    });
    expect(response.statusCode).toBe(400);
  });

  it('deletes every row of an expired scratch thread at its expiry, and nothing before', async () => {
    const { threadId, postIds, started } = await startScratch(1, 'okapiform');
    const scratchChannelId = started.thread.channelId;
    const before = await rowsLeft(threadId, scratchChannelId, postIds, 'okapiform');
    for (const table of [
      'threads',
      'posts',
      'postVersions',
      'reactions',
      'postMentions',
      'postLinks',
      'asks',
    ])
      expect(before[table], table).toBeGreaterThan(0);
    if (ctx.dialect === 'sqlite') expect([before.post_search_ids, before.post_search]).toEqual([2, 2]);
    const expiresAt = Date.parse(started.thread.scratch!.expiresAt);
    expect(expiresAt - Date.parse(started.thread.createdAt)).toBe(day);
    await runUntil(expiresAt - 1);
    expect((await rowsLeft(threadId, scratchChannelId, postIds, 'okapiform')).threads).toBe(1);
    await runUntil(expiresAt);
    const after = await rowsLeft(threadId, scratchChannelId, postIds, 'okapiform');
    expect(Object.entries(after).filter(([, n]) => n !== 0)).toEqual([]);
    const job = await db()
      .selectFrom('scheduledJobs')
      .select('state')
      .where('kind', '=', 'scratch.expire')
      .where('subjectId', '=', threadId)
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('done');
    expect((await call(team.owner, 'GET', `/api/v1/threads/${threadId}`)).statusCode).toBe(404);
  });

  it('promotes a scratch thread into an ordinary thread of its channel that no longer expires', async () => {
    const { threadId, postIds, started } = await startScratch(2, 'narwhalian');
    const thread = await ok<{ channelId: string; scratch: unknown }>(
      team.member,
      'POST',
      `/api/v1/scratch-threads/${threadId}/promote`,
    );
    expect(thread).toMatchObject({ channelId, scratch: null });
    await runUntil(clock.now() + 3 * day);
    const left = await rowsLeft(threadId, started.thread.channelId, postIds, 'narwhalian');
    expect(left).toMatchObject({ threads: 1, posts: 2, channels: 0, channelMembers: 0 });
    const page = await ok<{ items: { id: string }[] }>(
      team.other,
      'GET',
      `/api/v1/threads/${threadId}/posts`,
    );
    expect(page.items.map((p) => p.id)).toEqual(postIds);
    const hits = await ok<{ items: unknown[] }>(team.admin, 'GET', '/api/v1/search?q=narwhalian');
    expect(hits.items.length).toBeGreaterThan(0);
  });

  it('lets a participant add a participant who can read the home channel', async () => {
    const { threadId } = await startScratch(7, 'axolotlish');
    expect((await call(team.other, 'GET', `/api/v1/threads/${threadId}`)).statusCode).toBe(404);
    const view = await ok<{ participantIds: string[] }>(
      team.member,
      'POST',
      `/api/v1/scratch-threads/${threadId}/participants`,
      { personIds: [team.other.id] },
    );
    expect(view.participantIds).toContain(team.other.id);
    await ok(team.other, 'GET', `/api/v1/threads/${threadId}`);
    // A guest cannot read the public home channel, so cannot be added.
    const guest = await call(team.member, 'POST', `/api/v1/scratch-threads/${threadId}/participants`, {
      personIds: [team.guest.id],
    });
    expect(guest.statusCode).toBe(400);
  });
});
