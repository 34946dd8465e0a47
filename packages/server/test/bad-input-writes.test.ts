// BAD_INPUT.md rows 8 (ReDoS markdown), 15 (idempotency) and 27 (floods), generated over the routes that
// create things, on both databases.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rateLimitPolicies } from '../src/platform/http/rate-limit.js';
import { createTestClock } from '../src/shared/clock.js';
import { countRows, listRoutes } from './bad-input-cases.js';
import type { ApiRoute } from './bad-input-cases.js';
import { buildWorld } from './authorization-world.js';
import { buildTestApp } from './build-test-app.js';
import type { CallerName, World } from './authorization-world.js';
import { describeEachDialect } from './dialects.js';

const freeText = ['name', 'title', 'markdown', 'description'];

describeEachDialect('idempotent retries, floods and pathological markdown', (ctx) => {
  let world: World;
  let routes: ApiRoute[];
  beforeAll(async () => {
    world = await buildWorld(ctx.database());
    routes = listRoutes(world.app);
  });
  afterAll(() => world?.close());

  async function send(
    caller: CallerName,
    options: InjectOptions,
    app: FastifyInstance = world.app,
  ): Promise<LightMyRequestResponse> {
    const response = await app.inject({
      ...options,
      headers: { ...world.headers[caller], ...options.headers },
    });
    // What a request leaves running after its response (re-plans after a rhythm change) counts too.
    await app.settled();
    expect(response.statusCode, `${options.method} ${options.url}: ${response.body}`).toBeLessThan(500);
    return response;
  }
  const counts = () => countRows(ctx.database().db as never);
  // One quick count, where counting every table would be slow on PostgreSQL.
  const countOf = async (table: 'posts') =>
    Number(
      (
        await ctx
          .database()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  let keys = 0;
  const newKey = () => `key-${++keys}-${Date.now()}`;

  it('replays a retried POST once, refuses a reused key with another body, and keeps keys per person', async () => {
    const creating = routes.filter((r) => r.method === 'POST' && r.succeeds && r.caller !== 'anonymous');
    expect(creating.length).toBeGreaterThan(5);
    for (const route of creating) {
      const { url, payload } = await route.request(world);
      const post = (caller: CallerName, key: string, body = payload) =>
        send(caller, {
          method: 'POST',
          url,
          headers: { 'idempotency-key': key },
          ...(body ? { payload: body } : {}),
        });
      const key = newKey();
      const first = await post(route.caller, key);
      expect(first.statusCode, `${route.key}: ${first.body}`).toBeLessThan(300);
      const afterFirst = await counts();
      const retry = await post(route.caller, key);
      expect(retry.headers['idempotent-replayed'], route.key).toBe('true');
      expect([retry.statusCode, retry.body]).toEqual([first.statusCode, first.body]);
      expect(await counts(), route.key).toEqual(afterFirst);
      const field = Object.keys(payload ?? {}).find((k) => freeText.includes(k));
      if (field) {
        const other = { ...payload, [field]: `${String((payload as Record<string, unknown>)[field])} 2` };
        const reused = await post(route.caller, key, other);
        expect(reused.statusCode, route.key).toBe(422);
        expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
        expect(await counts(), route.key).toEqual(afterFirst);
      }
    }
  });

  it('runs two identical requests sent together once', async () => {
    for (const route of routes.filter(
      (r) => r.method === 'POST' && r.body && r.succeeds && r.caller !== 'anonymous',
    )) {
      const { url, payload } = await route.request(world);
      const before = await counts();
      const once = await send(route.caller, { method: 'POST', url, payload: payload! });
      const delta = await counts();
      const { url: url2, payload: payload2 } = await route.request(world);
      const start = await counts();
      const key = newKey();
      const pair = await Promise.all(
        [0, 1].map(() =>
          send(route.caller, {
            method: 'POST',
            url: url2,
            payload: payload2!,
            headers: { 'idempotency-key': key },
          }),
        ),
      );
      const statuses = pair.map((r) => r.statusCode).sort();
      expect([[once.statusCode, 409].sort(), [once.statusCode, once.statusCode]], route.key).toContainEqual(
        statuses,
      );
      const end = await counts();
      // The keyed pair stores its key; the single request had none. Rate-limit buckets are per client
      // and key, not per request: the pair finds the single request's bucket. Scheduled jobs are derived
      // from what they plan (a re-plan after a second identical time-off finds its release jobs there
      // already); the rows they plan (deliveries, asks, posts…) are compared.
      const bookkeeping = new Set(['idempotency_keys', 'rate_limit_buckets', 'scheduled_jobs']);
      for (const table of Object.keys(end).filter((t) => !bookkeeping.has(t))) {
        expect(end[table]! - start[table]!, `${route.key} ${table}`).toBe(delta[table]! - before[table]!);
      }
    }
  });

  it('stores, renders and finds pathological markdown on every route that stores markdown', async () => {
    // BAD_INPUT rows 7 and 8 as far as the 40,000-character limit allows. The punctuation runs were the
    // seconds-long cases of PostgreSQL's to_tsvector (migrations/2026-11-28T1100_search_words_only.ts).
    // How long rendering them takes is measured by `npm run bench -- markdown` (bench/markdown.bench.ts),
    // not here: a time limit in a test fails on a loaded machine and proves nothing on a fast one.
    const inputs = [
      `${'*'.repeat(30_000)}x`,
      '_'.repeat(30_000),
      '>'.repeat(30_000),
      '['.repeat(30_000),
      '`'.repeat(30_000),
      '- '.repeat(15_000),
      'a_'.repeat(15_000),
      'a-b.'.repeat(10_000),
      '- a\n'.repeat(10_000),
      '> '.repeat(20_000),
      'a@b.'.repeat(10_000),
      'a/'.repeat(20_000),
      '1.'.repeat(20_000),
    ];
    const taking = routes.filter((r) => r.body?.properties?.markdown && r.succeeds);
    // A landing preview reads a draft's markdown (for whole-channel mentions) and stores nothing.
    const previews = taking.filter((r) => r.pattern.endsWith('/landing-preview'));
    const storing = taking.filter((r) => !previews.includes(r));
    expect(storing.map((r) => r.key)).toEqual(
      expect.arrayContaining(['POST /api/v1/threads/:id/posts', 'PATCH /api/v1/posts/:id']),
    );
    let words = 0;
    for (const route of storing) {
      for (const input of inputs) {
        const word = `needle${++words}x`;
        const markdown = `${word} ${input}`.slice(0, 40_000);
        const what = `${route.key} with ${input.slice(0, 4)}…`;
        const { url, payload } = await route.request(world);
        const response = await send(route.caller, {
          method: route.method as 'POST',
          url,
          payload: { ...payload, markdown },
        });
        expect(response.statusCode, `${what}: ${response.body}`).toBeLessThan(300);
        const body = response.json<{ id: string; post?: { id: string } }>();
        const postId = body.post?.id ?? body.id;
        const stored = await send(route.caller, { method: 'GET', url: `/api/v1/posts/${postId}` });
        expect(stored.statusCode, what).toBe(200);
        const post = stored.json<{ markdown: string; html: string }>();
        expect(post.markdown, what).toBe(markdown);
        expect(post.html, what).toMatch(new RegExp(`^<p>${word}\\b`));
        const found = await send(route.caller, { method: 'GET', url: `/api/v1/search?q=${word}` });
        expect(
          found.json<{ items: { id: string }[] }>().items.map((h) => h.id),
          what,
        ).toContain(postId);
      }
    }
    const countPosts = () => countOf('posts');
    for (const route of previews) {
      const before = await countPosts();
      for (const input of inputs) {
        const { url, payload } = await route.request(world);
        const response = await send(route.caller, {
          method: 'POST',
          url,
          payload: { ...payload, markdown: `draft ${input}`.slice(0, 40_000) },
        });
        expect(response.statusCode, `${route.key} with ${input.slice(0, 4)}…: ${response.body}`).toBe(200);
      }
      expect(await countPosts(), route.key).toBe(before);
    }
  });

  it('answers a posting flood with 429 and Retry-After on every posting route and no other, for that person only', async () => {
    const posting = routes.filter((r) => r.posting);
    expect(posting.length).toBeGreaterThanOrEqual(3);
    const others = routes.filter((r) => !r.posting && r.method !== 'GET' && !r.runsLast);
    // Every request is made before the flood: making one may write through the world's other app, whose
    // hits would refill the member's bucket on PostgreSQL (where the apps share their buckets).
    const postingRequests = [];
    for (const route of posting) postingRequests.push(await route.requestAs(world, 'member'));
    const otherRequests = [];
    for (const route of others) otherRequests.push(await route.requestAs(world, 'member'));
    // An app of its own whose rate-limit clock stands still, at a time after every hit so far (so every
    // bucket starts full): no token comes back however slowly this machine posts, so exactly the rule's
    // burst passes and every later posting request is refused.
    const clock = createTestClock({ start: world.rateLimitClock.now() });
    const { app } = await buildTestApp(ctx.database(), undefined, { rateLimitClock: clock });
    try {
      const sendTo = (caller: CallerName, options: InjectOptions) => send(caller, options, app);
      const url = `/api/v1/threads/${world.public.threadId}/posts`;
      const post = (caller: CallerName, target = url) =>
        sendTo(caller, { method: 'POST', url: target, payload: { markdown: 'flood' } });
      const { limit } = rateLimitPolicies.posting;
      for (let i = 0; i < limit; i++) expect((await post('member')).statusCode, `post ${i + 1}`).toBe(201);
      const refused = await post('member');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'rate_limited' });

      for (const [i, route] of posting.entries()) {
        const { url: target, payload } = postingRequests[i]!;
        const before = await countOf('posts');
        const response = await sendTo('member', {
          method: route.method as 'POST',
          url: target,
          ...(payload ? { payload } : {}),
        });
        expect(response.statusCode, route.key).toBe(429);
        expect(response.json(), route.key).toMatchObject({ code: 'rate_limited' });
        expect(Number(response.headers['retry-after']), route.key).toBeGreaterThanOrEqual(1);
        expect(await countOf('posts'), route.key).toBe(before);
      }
      // Only the routes the matrix marks as posting count against the limit.
      for (const [i, route] of others.entries()) {
        const { url: target, payload } = otherRequests[i]!;
        const response = await sendTo('member', {
          method: route.method as 'POST',
          url: target,
          ...(payload ? { payload } : {}),
        });
        expect(response.statusCode, `${route.key}: ${response.body}`).not.toBe(429);
      }
      expect((await post('member')).statusCode, 'still limited').toBe(429);
      // Other people, in this workspace and the other, post as before.
      expect((await post('owner')).statusCode).toBe(201);
      expect((await post('foreign', `/api/v1/threads/${world.foreign.threadId}/posts`)).statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });
});
