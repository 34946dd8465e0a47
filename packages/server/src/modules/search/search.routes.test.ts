import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam, createWorkspace } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createFullTextSearch } from '../../platform/db/full-text.js';

interface Hit {
  kind: string;
  id: string;
  channelId: string;
  highlight: { text: string; marks: { start: number; end: number }[]; html: string };
}

describeEachDialect('search over HTTP', (ctx) => {
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let stranger: TestPerson;
  const ids: Record<string, string> = {};
  const call = (who: TestPerson, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: who.headers, ...(payload ? { payload } : {}) });
  const search = async (who: TestPerson, query: string): Promise<Hit[]> => {
    const res = await call(who, 'GET', `/api/v1/search?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Hit[] }>().items;
  };

  beforeAll(async () => {
    const { db } = ctx.database();
    app = (await buildTestApp(ctx.database())).app;
    team = await createTeam(db);
    stranger = await createPerson(db, await createWorkspace(db, 'Other'), 'owner');
    for (const [key, who, visibility] of [
      ['public', team.member, 'public'],
      ['private', team.member, 'private'],
      ['foreign', stranger, 'public'],
    ] as const) {
      const channel = (await call(who, 'POST', '/api/v1/channels', { name: key, visibility })).json<{
        id: string;
      }>();
      ids[key] = channel.id;
      const started = await call(who, 'POST', `/api/v1/channels/${channel.id}/threads`, {
        title: `Zebra migration ${key}`,
        markdown: `The zebra <b>herd</b> moves north in the ${key} channel.`,
      });
      ids[`${key}Post`] = started.json<{ post: { id: string } }>().post.id;
      ids[`${key}Thread`] = started.json<{ thread: { id: string } }>().thread.id;
    }
    const gone = await call(team.member, 'POST', `/api/v1/channels/${ids.public}/threads`, {
      title: 'Other',
      markdown: 'zebra deleted',
    });
    await call(team.member, 'DELETE', `/api/v1/posts/${gone.json<{ post: { id: string } }>().post.id}`);
  });
  afterAll(() => app.close());

  it('finds thread titles and posts with highlights as ranges and escaped HTML', async () => {
    const hits = await search(team.member, 'q=zebra%20herd');
    expect(hits.map((h) => h.kind)).toEqual(['post', 'post']);
    const hit = hits.find((h) => h.id === ids.publicPost)!;
    expect(hit.highlight.html).toContain('<mark>zebra</mark>');
    expect(hit.highlight.html).not.toContain('<b>');
    for (const mark of hit.highlight.marks) {
      expect(['zebra', 'herd']).toContain(hit.highlight.text.slice(mark.start, mark.end).toLowerCase());
    }
    const titles = await search(team.member, 'q=migration');
    expect(titles.map((h) => h.kind)).toEqual(['thread', 'thread']);
  });

  it('shows only what the caller may read: no hidden channels, deleted posts or other workspaces', async () => {
    const ofMember = await search(team.member, 'q=zebra');
    expect(new Set(ofMember.map((h) => h.channelId))).toEqual(new Set([ids.public, ids.private]));
    expect(ofMember.some((h) => h.highlight.text.includes('deleted'))).toBe(false);
    const ofOther = await search(team.other, 'q=zebra');
    expect(new Set(ofOther.map((h) => h.channelId))).toEqual(new Set([ids.public]));
    expect(await search(team.guest, 'q=zebra')).toEqual([]);
    expect(new Set((await search(stranger, 'q=zebra')).map((h) => h.channelId))).toEqual(
      new Set([ids.foreign]),
    );
    expect(await search(team.other, `q=zebra&channelId=${ids.private}`)).toEqual([]);
  });

  it('filters by channel, author and time', async () => {
    expect(
      (await search(team.member, `q=zebra&channelId=${ids.public}`)).every((h) => h.channelId === ids.public),
    ).toBe(true);
    expect(await search(team.member, `q=zebra&authorId=${team.other.id}`)).toEqual([]);
    expect(await search(team.member, 'q=zebra&from=2999-01-01T00:00:00Z')).toEqual([]);
    expect((await search(team.member, 'q=zebra&to=2999-01-01T00:00:00Z')).length).toBe(4);
    expect(
      (await call(team.member, 'GET', '/api/v1/search?q=zebra&from=2027-02-29T00:00:00Z')).statusCode,
    ).toBe(400);
  });

  it('pages through results without repeats', async () => {
    const first = (await call(team.member, 'GET', '/api/v1/search?q=zebra&limit=3')).json<{
      items: Hit[];
      nextCursor: string;
    }>();
    const second = (
      await call(
        team.member,
        'GET',
        `/api/v1/search?q=zebra&limit=3&cursor=${encodeURIComponent(first.nextCursor)}`,
      )
    ).json<{ items: Hit[]; nextCursor: null }>();
    expect(first.items.length + second.items.length).toBe(4);
    expect(new Set([...first.items, ...second.items].map((h) => h.id)).size).toBe(4);
  });

  it('never turns query syntax into an error', async () => {
    for (const q of [
      '"',
      'zebra"',
      'NEAR(',
      'a AND OR',
      '*',
      '-zebra',
      "'",
      '\\',
      'title:zebra',
      '(((',
      '^zebra',
      'zebra*',
      '&|!:',
    ]) {
      const res = await call(team.member, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
  });

  it('finds words joined by punctuation alike on both databases', async () => {
    const posted = await call(team.member, 'POST', `/api/v1/threads/${ids.publicThread}/posts`, {
      markdown: 'See okapi.example.org/path, v2.5 and gnu-linux_kernel (fast).',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const { id } = posted.json<{ id: string }>();
    for (const q of ['okapi', 'example', 'path', 'linux', 'kernel', 'okapi kernel']) {
      expect(
        (await search(team.member, `q=${encodeURIComponent(q)}`)).map((h) => h.id),
        q,
      ).toEqual([id]);
    }
  });

  it('highlights a match deep in a long post', async () => {
    const markdown = `${'lorem ipsum, dolor. '.repeat(1500)}the quagga grazes ${'sit amet. '.repeat(500)}`;
    await call(team.member, 'POST', `/api/v1/threads/${ids.publicThread}/posts`, { markdown });
    const [hit] = await search(team.member, 'q=quagga');
    expect(hit!.highlight.html).toContain('<mark>quagga</mark>');
    expect(hit!.highlight.text.length).toBeLessThan(1000);
  });

  if (ctx.dialect === 'postgres') {
    it('queries PostgreSQL with the index expressions, so the GIN indexes are used', async () => {
      const fullText = createFullTextSearch('postgres');
      const plans = await ctx
        .database()
        .db.transaction()
        .execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const explain = async (query: ReturnType<typeof sql>) =>
            (await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx)).rows
              .map((r) => r['QUERY PLAN'])
              .join('\n');
          return [
            await explain(sql`select p.id from posts p where ${fullText.postsMatch(['zebra'])}`),
            await explain(sql`select t.id from threads t where ${fullText.threadsMatch(['zebra'])}`),
          ];
        });
      expect(plans[0]).toContain('posts_search_words_idx');
      expect(plans[1]).toContain('threads_search_words_idx');
    });
  }
});
