import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam, createWorkspace } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';

type Team = Awaited<ReturnType<typeof createTeam>>;

describeEachDialect('channels, threads and posts over HTTP', (ctx) => {
  let app: FastifyInstance;
  let team: Team;
  let stranger: TestPerson;
  const call = (
    who: TestPerson,
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { ...who.headers, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    app = (await buildTestApp(ctx.database())).app;
    team = await createTeam(ctx.database().db);
    stranger = await createPerson(
      ctx.database().db,
      await createWorkspace(ctx.database().db, 'Other'),
      'owner',
    );
  });
  afterAll(() => app.close());

  async function channel(who: TestPerson, name: string, visibility = 'public') {
    const res = await call(who, 'POST', '/api/v1/channels', { name, visibility });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>();
  }
  async function thread(who: TestPerson, channelId: string, extra: object = {}) {
    const res = await call(who, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: '  Plan  ',
      markdown: 'first *post*',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{
      thread: { id: string; title: string };
      post: { id: string; html: string; version: number };
    }>();
  }

  it('creates channels with unique names compared NFC and case-folded; the creator is a member', async () => {
    const created = await call(team.member, 'POST', '/api/v1/channels', { name: ' Café ', description: 'd' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Café',
      visibility: 'public',
      isMember: true,
      archivedAt: null,
    });
    const clash = await call(team.other, 'POST', '/api/v1/channels', { name: 'CAFE\u0301' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'channel_name_taken' });
    expect((await call(team.guest, 'POST', '/api/v1/channels', { name: 'g' })).statusCode).toBe(403);
  });

  it('rejects mass-assigned and unknown fields with 400', async () => {
    for (const extra of [
      { workspaceId: stranger.workspaceId },
      { authorId: team.owner.id },
      { createdAt: 1 },
    ]) {
      expect((await call(team.member, 'POST', '/api/v1/channels', { name: 'x', ...extra })).statusCode).toBe(
        400,
      );
    }
    const c = await channel(team.member, 'mass');
    const res = await call(team.member, 'POST', `/api/v1/channels/${c.id}/threads`, {
      title: 't',
      markdown: 'm',
      authorId: team.owner.id,
    });
    expect(res.statusCode).toBe(400);
  });

  it('hides private channels from non-members and guests from public ones, with identical 404s', async () => {
    const secret = await channel(team.member, 'secret', 'private');
    const open = await channel(team.member, 'open');
    const random = '0190aaaa-0000-7000-8000-000000000000';
    const bodies = [];
    for (const [who, id] of [
      [team.other, secret.id],
      [team.admin, secret.id],
      [stranger, open.id],
      [team.other, random],
      [team.guest, open.id],
    ] as const) {
      const res = await call(who, 'GET', `/api/v1/channels/${id}`);
      expect(res.statusCode).toBe(404);
      const { requestId: _r, ...rest } = res.json();
      bodies.push(JSON.stringify(rest));
    }
    expect(new Set(bodies).size).toBe(1);
    const list = await call(team.guest, 'GET', '/api/v1/channels');
    expect(list.json().items).toEqual([]);
    expect(
      (await call(team.member, 'PUT', `/api/v1/channels/${secret.id}/members/${team.guest.id}`)).statusCode,
    ).toBe(204);
    expect((await call(team.guest, 'GET', `/api/v1/channels/${secret.id}`)).statusCode).toBe(200);
    expect(
      (await call(team.member, 'PUT', `/api/v1/channels/${secret.id}/members/${stranger.id}`)).statusCode,
    ).toBe(400);
    expect((await call(team.other, 'POST', `/api/v1/channels/${secret.id}/join`)).statusCode).toBe(404);
    expect((await call(team.other, 'POST', `/api/v1/channels/${open.id}/join`)).json()).toMatchObject({
      isMember: true,
    });
    expect(
      (await call(team.member, 'DELETE', `/api/v1/channels/${secret.id}/members/${team.guest.id}`))
        .statusCode,
    ).toBe(204);
    expect((await call(team.guest, 'GET', `/api/v1/channels/${secret.id}`)).statusCode).toBe(404);
  });

  it('archives and unarchives; nobody posts in an archived channel', async () => {
    const c = await channel(team.member, 'archive-me');
    expect(
      (await call(team.member, 'POST', `/api/v1/channels/${c.id}/archive`)).json().archivedAt,
    ).not.toBeNull();
    const res = await call(team.member, 'POST', `/api/v1/channels/${c.id}/threads`, {
      title: 't',
      markdown: 'm',
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await call(team.member, 'POST', `/api/v1/channels/${c.id}/unarchive`)).json().archivedAt,
    ).toBeNull();
    expect(
      (await call(team.member, 'PATCH', `/api/v1/channels/${c.id}`, { name: 'renamed' })).json().name,
    ).toBe('renamed');
  });

  it('starts a thread with its first post; author and mentioned people follow', async () => {
    const c = await channel(team.member, 'threads');
    const { thread: t, post } = await thread(team.member, c.id, { mentions: [team.other.id] });
    expect(t.title).toBe('Plan');
    expect(post.html).toBe('<p>first <em>post</em></p>\n');
    expect((await call(team.member, 'GET', `/api/v1/threads/${t.id}`)).json().isFollowing).toBe(true);
    expect((await call(team.other, 'GET', `/api/v1/threads/${t.id}`)).json().isFollowing).toBe(true);
    expect((await call(team.admin, 'GET', `/api/v1/threads/${t.id}`)).json().isFollowing).toBe(false);
    expect((await call(team.admin, 'PUT', `/api/v1/threads/${t.id}/follow`)).json().isFollowing).toBe(true);
    expect((await call(team.admin, 'DELETE', `/api/v1/threads/${t.id}/follow`)).json().isFollowing).toBe(
      false,
    );
    const bad = await call(team.member, 'POST', `/api/v1/threads/${t.id}/posts`, {
      markdown: 'x',
      mentions: [stranger.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_reference', errors: [{ path: 'body.mentions.0' }] });
    for (const title of ['', '   ', 'x'.repeat(201)]) {
      expect(
        (await call(team.member, 'POST', `/api/v1/channels/${c.id}/threads`, { title, markdown: 'm' }))
          .statusCode,
      ).toBe(400);
    }
  });

  it('lets the author or an admin rename a thread, not another member', async () => {
    const c = await channel(team.member, 'rename');
    const { thread: t } = await thread(team.member, c.id);
    expect((await call(team.other, 'PATCH', `/api/v1/threads/${t.id}`, { title: 'no' })).statusCode).toBe(
      403,
    );
    expect(
      (await call(team.admin, 'PATCH', `/api/v1/threads/${t.id}`, { title: 'By admin' })).json().title,
    ).toBe('By admin');
  });

  it('lists threads by latest activity, a page at a time', async () => {
    const c = await channel(team.member, 'paging');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await thread(team.member, c.id)).thread.id);
    await call(team.member, 'POST', `/api/v1/threads/${ids[0]}/posts`, { markdown: 'bump' });
    const first = (await call(team.member, 'GET', `/api/v1/channels/${c.id}/threads?limit=2`)).json();
    expect(first.items.map((t: { id: string }) => t.id)[0]).toBe(ids[0]);
    const second = (
      await call(
        team.member,
        'GET',
        `/api/v1/channels/${c.id}/threads?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
      )
    ).json();
    const all = [...first.items, ...second.items].map((t: { id: string }) => t.id);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(second.nextCursor).toBeNull();
  });

  it('keeps every version of an edited post, refuses stale edits with 412, and edits only by the author', async () => {
    const c = await channel(team.member, 'edits');
    const { post } = await thread(team.member, c.id);
    const url = `/api/v1/posts/${post.id}`;
    expect((await call(team.member, 'GET', url)).headers.etag).toBe('"1"');
    const edited = await call(team.member, 'PATCH', url, { markdown: 'second' }, { 'if-match': '"1"' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, html: '<p>second</p>\n' });
    expect(
      (await call(team.member, 'PATCH', url, { markdown: 'third' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(412);
    expect((await call(team.owner, 'PATCH', url, { markdown: 'owner' })).statusCode).toBe(403);
    const versions = (await call(team.other, 'GET', `${url}/versions`)).json().items;
    expect(versions.map((v: { markdown: string }) => v.markdown)).toEqual(['first *post*', 'second']);
  });

  it("pages through a post's versions oldest first with signed cursors", async () => {
    const c = await channel(team.member, 'history');
    const { post } = await thread(team.member, c.id);
    const url = `/api/v1/posts/${post.id}`;
    for (const markdown of ['v2', 'v3', 'v4', 'v5']) {
      expect((await call(team.member, 'PATCH', url, { markdown })).statusCode).toBe(200);
    }
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await call(team.other, 'GET', `${url}/versions?limit=2${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: { markdown: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((v) => v.markdown));
      cursor = page.nextCursor;
      pages++;
    }
    expect(seen).toEqual(['first *post*', 'v2', 'v3', 'v4', 'v5']);
    expect(pages).toBe(3);
    const first = (await call(team.other, 'GET', `${url}/versions?limit=2`)).json<{ nextCursor: string }>();
    const tampered = `${first.nextCursor.slice(0, -2)}${first.nextCursor.endsWith('A') ? 'B' : 'A'}x`;
    const refused = await call(team.other, 'GET', `${url}/versions?cursor=${encodeURIComponent(tampered)}`);
    expect(refused.statusCode).toBe(400);
  });

  it('deletes to a tombstone by author or admin, hiding text and history', async () => {
    const c = await channel(team.member, 'deletes');
    const { post } = await thread(team.member, c.id);
    const url = `/api/v1/posts/${post.id}`;
    expect((await call(team.other, 'DELETE', url)).statusCode).toBe(403);
    const deleted = await call(team.admin, 'DELETE', url);
    expect(deleted.json()).toMatchObject({ deleted: true, markdown: '', html: '' });
    expect((await call(team.member, 'GET', `${url}/versions`)).json().items).toEqual([]);
    expect((await call(team.member, 'PATCH', url, { markdown: 'back' })).statusCode).toBe(409);
  });

  it('records reactions from the allow-list and lineage both ways', async () => {
    const c = await channel(team.member, 'lineage');
    const { thread: t, post: first } = await thread(team.member, c.id);
    const reply = await call(team.other, 'POST', `/api/v1/threads/${t.id}/posts`, {
      markdown: 'builds',
      buildsOn: [first.id],
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().buildsOn).toEqual([first.id]);
    expect((await call(team.member, 'GET', `/api/v1/posts/${first.id}`)).json().builtOnBy).toEqual([
      reply.json().id,
    ]);
    const future = await call(team.member, 'PATCH', `/api/v1/posts/${first.id}`, {
      markdown: 'x',
      buildsOn: [reply.json().id],
    });
    expect(future.statusCode).toBe(400);
    const reacted = await call(team.other, 'PUT', `/api/v1/posts/${first.id}/reactions/tada`);
    expect(reacted.json().reactions).toEqual([{ emoji: 'tada', count: 1, reactedByMe: true }]);
    expect(
      (await call(team.other, 'PUT', `/api/v1/posts/${first.id}/reactions/%3Cscript%3E`)).statusCode,
    ).toBe(400);
    expect(
      (await call(team.other, 'DELETE', `/api/v1/posts/${first.id}/reactions/tada`)).json().reactions,
    ).toEqual([]);
    const page = (await call(team.member, 'GET', `/api/v1/threads/${t.id}/posts`)).json();
    expect(page.items.map((p: { id: string }) => p.id)).toEqual([first.id, reply.json().id]);
  });

  it('answers foreign and random post and thread ids with identical 404s', async () => {
    const c = await channel(team.member, 'foreign');
    const { thread: t, post } = await thread(team.member, c.id);
    for (const url of [
      `/api/v1/posts/${post.id}`,
      `/api/v1/threads/${t.id}`,
      `/api/v1/threads/${t.id}/posts`,
      `/api/v1/posts/${post.id}/versions`,
    ]) {
      const foreign = await call(stranger, 'GET', url);
      const random = await call(
        stranger,
        'GET',
        url.replace(/[0-9a-f-]{36}/, '0190aaaa-0000-7000-8000-000000000000'),
      );
      const strip = (body: string) => body.replace(/"requestId":"[^"]*"/, '');
      expect(foreign.statusCode).toBe(404);
      expect(strip(foreign.body)).toBe(strip(random.body));
    }
    expect((await call(stranger, 'GET', `/api/v1/posts/1%20OR%201%3D1`)).statusCode).toBe(404);
  });

  it('rejects NUL and lone surrogates and oversized posts the same on both databases', async () => {
    const c = await channel(team.member, 'text');
    for (const markdown of ['a\u0000b', 'a\ud800b']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/channels/${c.id}/threads`,
        headers: { ...team.member.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ title: 't', markdown }).replace(/\\u0000|\ud800/, (m) =>
          m === '\\u0000' ? '\\u0000' : '\\ud800',
        ),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_text');
    }
    const big = await call(team.member, 'POST', `/api/v1/channels/${c.id}/threads`, {
      title: 't',
      markdown: 'x'.repeat(40_001),
    });
    expect(big.statusCode).toBe(400);
  });

  it('stores XSS payloads in names and titles as text and renders posts safe', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const c = await channel(team.member, name);
    const { thread: t } = await thread(team.member, c.id, {
      title: '<script>alert(1)</script>',
      markdown: '[x](javascript:alert(1)) <svg onload=alert(1)>',
    });
    const post = (await call(team.member, 'GET', `/api/v1/threads/${t.id}/posts`)).json().items[0];
    expect(post.html).not.toMatch(/<script|<svg|<img|href="javascript/i);
    expect((await call(team.member, 'GET', `/api/v1/channels/${c.id}`)).json().name).toBe(name);
  });

  it('lets a read-only token read but not write', async () => {
    const reader = await createPerson(ctx.database().db, team.workspaceId, 'member', 'read');
    expect((await call(reader, 'GET', '/api/v1/channels')).statusCode).toBe(200);
    expect((await call(reader, 'POST', '/api/v1/channels', { name: 'ro' })).statusCode).toBe(403);
  });
});
