// Pages of a thread's posts are kept serialized per caller while the thread's page version stands
// (post-page.ts). These tests read a page (so that it is kept), change something through the API, another
// process or the rows directly, and check that the next read shows it, and that access is decided afresh.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/open-database.js';
import type { DatabaseHandle } from '../../platform/db/open-database.js';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { ThreadPageCache } from './post-page.js';

type Team = Awaited<ReturnType<typeof createTeam>>;

interface PageBody {
  items: {
    id: string;
    channelId: string;
    markdown: string;
    html: string;
    version: number;
    deleted: boolean;
    mentions: string[];
    buildsOn: string[];
    builtOnBy: string[];
    reactions: { emoji: string; count: number; reactedByMe: boolean }[];
  }[];
  nextCursor: string | null;
}

describeEachDialect('thread pages kept between reads', (ctx) => {
  let app: FastifyInstance;
  // A second app on its own connection(s) to the same database, as a second process would be.
  let second: FastifyInstance;
  let secondDatabase: DatabaseHandle;
  let team: Team;

  const call = (app_: FastifyInstance, who: TestPerson, method: string, url: string, payload?: unknown) =>
    app_.inject({
      method: method as 'GET',
      url,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const db = () => ctx.database().db;

  beforeAll(async () => {
    app = (await buildTestApp(ctx.database())).app;
    secondDatabase = openDatabase(ctx.config());
    second = (await buildTestApp(secondDatabase)).app;
    team = await createTeam(db());
  });
  afterAll(async () => {
    await app.close();
    await second.close();
    await secondDatabase.close();
  });

  async function channel(who: TestPerson, name: string, visibility = 'public'): Promise<string> {
    const res = await call(app, who, 'POST', '/api/v1/channels', { name, visibility });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }
  async function thread(who: TestPerson, channelId: string, markdown = 'first') {
    const res = await call(app, who, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: 'Plan',
      markdown,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ thread: { id: string }; post: { id: string } }>();
  }
  async function reply(who: TestPerson, threadId: string, body: object) {
    const res = await call(app, who, 'POST', `/api/v1/threads/${threadId}/posts`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>();
  }
  async function page(who: TestPerson, threadId: string, query = '', via = app) {
    const res = await call(via, who, 'GET', `/api/v1/threads/${threadId}/posts${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }
  const items = async (who: TestPerson, threadId: string, via = app) =>
    (await page(who, threadId, '', via)).json<PageBody>().items;
  /** Reads twice, so that the page is kept, and checks both reads are the same bytes and headers. */
  async function readTwice(who: TestPerson, threadId: string, query = '') {
    const first = await page(who, threadId, query);
    const again = await page(who, threadId, query);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['content-length']).toBe(first.headers['content-length']);
    return first.json<PageBody>();
  }
  const pageVersion = async (threadId: string): Promise<number> =>
    Number(
      (await sql<{ v: number }>`select page_version as v from threads where id = ${threadId}`.execute(db()))
        .rows[0]!.v,
    );

  it('serves a kept page while the version stands, and a fresh one once it moves', async () => {
    const channelId = await channel(team.owner, 'kept');
    const { thread: t, post } = await thread(team.owner, channelId, 'original');
    await readTwice(team.member, t.id);
    const version = await pageVersion(t.id);
    // Change the row behind the app's back and put the version back: the kept page is what is served,
    // which shows the version (not a re-read of the rows) is what decides.
    await sql`update posts set markdown = 'changed' where id = ${post.id}`.execute(db());
    expect(await pageVersion(t.id)).toBeGreaterThan(version);
    await sql`update threads set page_version = ${version} where id = ${t.id}`.execute(db());
    expect((await items(team.member, t.id))[0]!.markdown).toBe('original');
    await sql`update threads set page_version = page_version + 1 where id = ${t.id}`.execute(db());
    expect((await items(team.member, t.id))[0]!.markdown).toBe('changed');
  });

  it('shows edits, replies, reactions, mentions, lineage and deletions on the next read', async () => {
    const channelId = await channel(team.owner, 'changes');
    const { thread: t, post } = await thread(team.member, channelId);
    await readTwice(team.other, t.id);

    const edited = await call(app, team.member, 'PATCH', `/api/v1/posts/${post.id}`, {
      markdown: 'edited',
      mentions: [team.other.id],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    let seen = await readTwice(team.other, t.id);
    expect(seen.items[0]).toMatchObject({ markdown: 'edited', version: 2, mentions: [team.other.id] });

    const second_ = await reply(team.admin, t.id, { markdown: 'builds', buildsOn: [post.id] });
    seen = await readTwice(team.other, t.id);
    expect(seen.items.map((p) => p.id)).toEqual([post.id, second_.id]);
    expect(seen.items[0]!.builtOnBy).toEqual([second_.id]);

    const reacted = await call(app, team.member, 'PUT', `/api/v1/posts/${post.id}/reactions/heart`);
    expect(reacted.statusCode, reacted.body).toBe(200);
    seen = await readTwice(team.other, t.id);
    expect(seen.items[0]!.reactions).toEqual([{ emoji: 'heart', count: 1, reactedByMe: false }]);
    // The reactor's own page says it is theirs; the other reader's kept page does not leak into it.
    expect((await readTwice(team.member, t.id)).items[0]!.reactions).toEqual([
      { emoji: 'heart', count: 1, reactedByMe: true },
    ]);
    await call(app, team.member, 'DELETE', `/api/v1/posts/${post.id}/reactions/heart`);
    expect((await readTwice(team.member, t.id)).items[0]!.reactions).toEqual([]);

    const deleted = await call(app, team.admin, 'DELETE', `/api/v1/posts/${second_.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    seen = await readTwice(team.other, t.id);
    expect(seen.items[1]).toMatchObject({ deleted: true, markdown: '', html: '' });
  });

  it('shows a write made by another process, and rows changed directly', async () => {
    const channelId = await channel(team.owner, 'processes');
    const { thread: t, post } = await thread(team.owner, channelId);
    await readTwice(team.member, t.id);
    await items(team.member, t.id, second);
    const res = await call(second, team.other, 'POST', `/api/v1/threads/${t.id}/posts`, {
      markdown: 'there',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await items(team.member, t.id)).map((p) => p.markdown)).toEqual(['first', 'there']);
    const reacted = await call(app, team.other, 'PUT', `/api/v1/posts/${post.id}/reactions/eyes`);
    expect(reacted.statusCode).toBe(200);
    expect((await items(team.member, t.id, second))[0]!.reactions).toEqual([
      { emoji: 'eyes', count: 1, reactedByMe: false },
    ]);

    // Each table a page shows, changed by hand.
    await readTwice(team.member, t.id);
    await sql`delete from reactions where post_id = ${post.id}`.execute(db());
    expect((await items(team.member, t.id))[0]!.reactions).toEqual([]);
    await sql`insert into post_mentions (post_id, person_id) values (${post.id}, ${team.admin.id})`.execute(
      db(),
    );
    expect((await items(team.member, t.id))[0]!.mentions).toEqual([team.admin.id]);
    await sql`delete from post_mentions where post_id = ${post.id}`.execute(db());
    expect((await items(team.member, t.id))[0]!.mentions).toEqual([]);
  });

  it('decides access afresh: visibility, channel membership, role, revoked tokens, deactivation', async () => {
    const channelId = await channel(team.owner, 'access');
    const { thread: t } = await thread(team.owner, channelId);
    const reader = await createPerson(db(), team.workspaceId, 'member');
    await readTwice(reader, t.id);
    // A guest reads only channels they are a member of.
    expect((await call(app, team.guest, 'GET', `/api/v1/threads/${t.id}/posts`)).statusCode).toBe(404);

    await sql`update channels set visibility = 'private' where id = ${channelId}`.execute(db());
    expect((await call(app, reader, 'GET', `/api/v1/threads/${t.id}/posts`)).statusCode).toBe(404);
    const added = await call(app, team.owner, 'PUT', `/api/v1/channels/${channelId}/members/${reader.id}`);
    expect(added.statusCode, added.body).toBe(204);
    await readTwice(reader, t.id);
    const removed = await call(
      app,
      team.owner,
      'DELETE',
      `/api/v1/channels/${channelId}/members/${reader.id}`,
    );
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await call(app, reader, 'GET', `/api/v1/threads/${t.id}/posts`)).statusCode).toBe(404);
    expect((await call(second, reader, 'GET', `/api/v1/threads/${t.id}/posts`)).statusCode).toBe(404);

    await sql`update channels set visibility = 'public' where id = ${channelId}`.execute(db());
    await readTwice(reader, t.id);
    await sql`update api_tokens set revoked_at = ${Date.now()} where person_id = ${reader.id}`.execute(db());
    expect((await call(app, reader, 'GET', `/api/v1/threads/${t.id}/posts`)).statusCode).toBe(401);

    const deactivated = await createPerson(db(), team.workspaceId, 'member');
    await readTwice(deactivated, t.id);
    const res = await call(app, team.owner, 'POST', `/api/v1/people/${deactivated.id}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await call(app, deactivated, 'GET', `/api/v1/threads/${t.id}/posts`)).statusCode).toBe(401);

    // Another workspace's person does not get the page either.
    const stranger = await createPerson(db(), (await createTeam(db())).workspaceId, 'owner');
    expect((await call(app, stranger, 'GET', `/api/v1/threads/${t.id}/posts`)).statusCode).toBe(404);
  });

  it('follows the reader’s access to other channels for lineage across channels', async () => {
    const open = await channel(team.owner, 'lineage-open');
    const hidden = await channel(team.owner, 'lineage-hidden', 'private');
    const { thread: t, post } = await thread(team.owner, open);
    const { thread: secret } = await thread(team.owner, hidden);
    const far = await reply(team.owner, secret.id, { markdown: 'far', buildsOn: [post.id] });
    expect((await readTwice(team.member, t.id)).items[0]!.builtOnBy).toEqual([]);
    expect((await readTwice(team.owner, t.id)).items[0]!.builtOnBy).toEqual([far.id]);
    const added = await call(app, team.owner, 'PUT', `/api/v1/channels/${hidden}/members/${team.member.id}`);
    expect(added.statusCode, added.body).toBe(204);
    expect((await readTwice(team.member, t.id)).items[0]!.builtOnBy).toEqual([far.id]);
    await call(app, team.owner, 'DELETE', `/api/v1/channels/${hidden}/members/${team.member.id}`);
    expect((await readTwice(team.member, t.id)).items[0]!.builtOnBy).toEqual([]);

    // A thread moved into a hidden channel hides its lineage from the (kept) pages of threads it links with.
    const { thread: t2, post: target } = await thread(team.owner, open);
    const { thread: moving } = await thread(team.owner, open);
    const near = await reply(team.owner, moving.id, { markdown: 'near', buildsOn: [target.id] });
    expect((await readTwice(team.member, t2.id)).items[0]!.builtOnBy).toEqual([near.id]);
    await sql`update threads set channel_id = ${hidden} where id = ${moving.id}`.execute(db());
    expect((await readTwice(team.member, t2.id)).items[0]!.builtOnBy).toEqual([]);
    expect((await call(app, team.member, 'GET', `/api/v1/threads/${moving.id}/posts`)).statusCode).toBe(404);
    const moved = await readTwice(team.owner, moving.id);
    expect(moved.items.every((p) => p.channelId === hidden)).toBe(true);
  });

  it('keeps each cursor’s page apart', async () => {
    const channelId = await channel(team.owner, 'cursors');
    const { thread: t } = await thread(team.owner, channelId, 'p0');
    for (const markdown of ['p1', 'p2']) await reply(team.owner, t.id, { markdown });
    const first = await readTwice(team.member, t.id, '?limit=2');
    expect(first.items.map((p) => p.markdown)).toEqual(['p0', 'p1']);
    const query = `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`;
    const next = await readTwice(team.member, t.id, query);
    expect(next.items.map((p) => p.markdown)).toEqual(['p2']);
    expect(next.nextCursor).toBeNull();
    // A cursor is bound to its reader: another person's use of it fails, kept page or not.
    const foreign = await call(app, team.other, 'GET', `/api/v1/threads/${t.id}/posts${query}`);
    expect(foreign.statusCode).toBe(400);
    await reply(team.owner, t.id, { markdown: 'p3' });
    expect((await readTwice(team.member, t.id, query)).items.map((p) => p.markdown)).toEqual(['p2', 'p3']);
  });
});

describe('ThreadPageCache', () => {
  const bytes = (n: number) => Buffer.alloc(n, 1);

  it('gives a page back only at the version it was kept at, and drops it otherwise', () => {
    const cache = new ThreadPageCache({ maxBytes: 100, maxEntryBytes: 50 });
    cache.set('a', 3, bytes(10));
    expect(cache.get('a', 3)?.length).toBe(10);
    expect(cache.get('a', 4)).toBeUndefined();
    expect(cache.get('a', 3)).toBeUndefined();
    expect(cache.size).toEqual({ pages: 0, bytes: 0 });
  });

  it('stays within its byte limit, least recently used first, and skips oversized pages', () => {
    const cache = new ThreadPageCache({ maxBytes: 100, maxEntryBytes: 50 });
    cache.set('a', 1, bytes(40));
    cache.set('b', 1, bytes(40));
    expect(cache.get('a', 1)).toBeDefined();
    cache.set('c', 1, bytes(40));
    expect(cache.size).toEqual({ pages: 2, bytes: 80 });
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    cache.set('d', 1, bytes(51));
    expect(cache.get('d', 1)).toBeUndefined();
    cache.set('a', 2, bytes(5));
    expect(cache.size).toEqual({ pages: 2, bytes: 45 });
  });
});
