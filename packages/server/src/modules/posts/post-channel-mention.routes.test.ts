// Whole-channel mentions (`@channel`, `@all`): refused with a 422 naming `body.markdown` unless the agreement
// allows them; when allowed, every member of the channel who can see it (guests only as members) receives
// the post in their own slot, never as an interrupt, and follows the thread; the HTML marks the mention and
// the landing preview lists the members. On both databases, with the injected clock.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam, defaultAgreementBody } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';

interface Landing {
  personId: string;
  reasons: string[];
  interrupt: string | null;
  landsAt: { at: string } | null;
}

describeEachDialect('whole-channel mentions', (ctx) => {
  let app: FastifyInstance;
  // Monday 12:00 UTC: people without a stored rhythm (UTC, 09:00–17:00) are in a slot; Tokyo is at 21:00.
  const clock = createTestClock({ start: Date.parse('2027-01-11T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let tokyo: TestPerson;
  let channelId: string;

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, { testClock: clock }));
    team = await createTeam(ctx.database().db);
    tokyo = await createPerson(ctx.database().db, team.workspaceId);
    const rhythm = await call(tokyo, 'PUT', '/api/v1/me/rhythm', {
      rhythm: {
        timeZone: 'Asia/Tokyo',
        week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: [], thu: [], fri: [], sat: [], sun: [] },
      },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    expect(rhythm.statusCode, rhythm.body).toBe(200);
    const channel = await call(team.owner, 'POST', '/api/v1/channels', {
      name: 'town',
      visibility: 'public',
    });
    channelId = channel.json<{ id: string }>().id;
    // Members: the owner (its creator), a member, a guest and Tokyo; `other` and `admin` can see the public
    // channel but are not members of it.
    for (const p of [team.member, team.guest, tokyo]) {
      const added = await call(team.owner, 'PUT', `/api/v1/channels/${channelId}/members/${p.id}`);
      expect(added.statusCode, added.body).toBe(204);
    }
  });
  afterAll(() => app.close());

  function call(who: TestPerson, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: object) {
    return app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  }
  const start = (body: object) =>
    call(team.owner, 'POST', `/api/v1/channels/${channelId}/threads`, { title: 'News', ...body });
  const preview = (body: object) =>
    call(team.owner, 'POST', `/api/v1/channels/${channelId}/landing-preview`, body);
  async function setAllowed(allowed: boolean) {
    const response = await call(team.owner, 'PUT', '/api/v1/agreement', {
      agreement: { ...defaultAgreementBody(), allowChannelMentions: allowed },
      reason: allowed ? 'Announcements need it' : 'Too noisy',
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  async function countPosts() {
    const row = await ctx
      .database()
      .db.selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspaceId', '=', team.workspaceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  function expectRefused(
    response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    mention: string,
  ) {
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 422,
      code: 'channel_mention_not_allowed',
      errors: [{ path: 'body.markdown', message: expect.stringContaining(`@${mention}`) as unknown }],
    });
  }
  const inboxPostIds = async (who: TestPerson) =>
    (await call(who, 'GET', '/api/v1/inbox'))
      .json<{ items: { postId: string }[] }>()
      .items.map((i) => i.postId);

  it('refuses @channel and @all by default with a 422 naming body.markdown, and writes nothing', async () => {
    const before = await countPosts();
    expectRefused(await start({ markdown: 'Heads up @channel: the deploy moves' }), 'channel');
    expectRefused(await start({ markdown: '**@All** please read' }), 'all');
    expectRefused(await preview({ markdown: 'Draft for @all' }), 'all');
    expect(await countPosts()).toBe(before);
    // Quoted in code, inside an address or a longer name, it is no mention.
    const quoted = await start({
      markdown: 'Slack spells it `@channel`; write to ops@all.example, not @allison',
    });
    expect(quoted.statusCode, quoted.body).toBe(201);
    const { thread, post } = quoted.json<{ thread: { id: string }; post: { id: string; html: string } }>();
    expect(post.html).not.toContain('data-mention');
    expect(await countPosts()).toBe(before + 1);
    // A reply or an edit cannot add one either.
    expectRefused(
      await call(team.owner, 'POST', `/api/v1/threads/${thread.id}/posts`, { markdown: '@all ?' }),
      'all',
    );
    expectRefused(
      await call(team.owner, 'PATCH', `/api/v1/posts/${post.id}`, { markdown: 'Now @channel' }),
      'channel',
    );
  });

  it('when allowed, delivers to every channel member in their own slot, never interrupting, and they follow the thread', async () => {
    await setAllowed(true);
    const draft = await preview({ markdown: 'Draft for @all' });
    expect(draft.statusCode, draft.body).toBe(200);
    const expected = [team.member.id, team.guest.id, tokyo.id].sort();
    const previewed = draft.json<{ recipients: Landing[] }>().recipients;
    expect(previewed.map((r) => r.personId).sort()).toEqual(expected);
    // Without the draft text (or without a mention in it) the preview has no one to list.
    expect((await preview({})).json<{ recipients: Landing[] }>().recipients).toEqual([]);

    // An interrupt naming the member: only the member is interrupted; the rest land in their slots.
    const sent = await start({
      markdown: 'Heads up @channel: the deploy moves',
      mentions: [team.member.id],
      interrupt: { reason: 'The deploy is in an hour' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { thread, post } = sent.json<{
      thread: { id: string };
      post: { id: string; html: string; mentions: string[]; landing: Landing[] };
    }>();
    expect(post.html).toContain('<span class="mention" data-mention="channel">@channel</span>');
    expect(post.mentions).toEqual([team.member.id]);
    const landing = new Map(post.landing.map((l) => [l.personId, l]));
    expect([...landing.keys()].sort()).toEqual(expected);
    expect(landing.get(team.member.id)).toMatchObject({ interrupt: 'interrupt' });
    expect(landing.get(team.guest.id)).toMatchObject({
      interrupt: null,
      landsAt: { at: '2027-01-11T12:00:00.000Z' },
    });
    // Monday 21:00 in Tokyo: held until Tuesday 09:00 there, not interrupted.
    expect(landing.get(tokyo.id)).toMatchObject({
      interrupt: null,
      landsAt: { at: '2027-01-12T00:00:00.000Z' },
    });
    expect(await inboxPostIds(team.guest)).toContain(post.id);
    expect(await inboxPostIds(tokyo)).not.toContain(post.id);
    for (const outsider of [team.other, team.admin])
      expect(await inboxPostIds(outsider)).not.toContain(post.id);

    // They follow the thread: a plain reply reaches them (not the outsiders).
    for (const p of [team.member, team.guest, tokyo]) {
      const t = await call(p, 'GET', `/api/v1/threads/${thread.id}`);
      expect(t.json<{ isFollowing: boolean }>().isFollowing).toBe(true);
    }
    expect((await call(team.other, 'GET', `/api/v1/threads/${thread.id}`)).json()).toMatchObject({
      isFollowing: false,
    });
    const reply = await call(team.owner, 'POST', `/api/v1/threads/${thread.id}/posts`, {
      markdown: 'Moved to 15:00.',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const replyLanding = reply.json<{ landing: Landing[] }>().landing;
    expect(replyLanding.map((l) => l.personId).sort()).toEqual(expected);

    // Allowed no longer: a post that already has it stays editable, a new one is refused.
    await setAllowed(false);
    const edited = await call(team.owner, 'PATCH', `/api/v1/posts/${post.id}`, {
      markdown: 'Heads up @channel: 15:00',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expectRefused(await start({ markdown: 'Again @channel' }), 'channel');
  });
});
