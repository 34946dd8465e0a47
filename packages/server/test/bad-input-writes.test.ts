// BAD_INPUT.md rows 8 (ReDoS markdown), 15 (idempotency) and 27 (floods), generated over the routes that
// create things, on both databases.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countRows, listRoutes } from './bad-input-cases.js';
import type { ApiRoute } from './bad-input-cases.js';
import { buildWorld } from './authorization-world.js';
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

  async function send(caller: CallerName, options: InjectOptions): Promise<LightMyRequestResponse> {
    const response = await world.app.inject({
      ...options,
      headers: { ...world.headers[caller], ...options.headers },
    });
    expect(response.statusCode, `${options.method} ${options.url}: ${response.body}`).toBeLessThan(500);
    return response;
  }
  const counts = () => countRows(ctx.database().db as never);
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
      // The keyed pair stores its key; the single request had none.
      for (const table of Object.keys(end).filter((t) => t !== 'idempotency_keys')) {
        expect(end[table]! - start[table]!, `${route.key} ${table}`).toBe(delta[table]! - before[table]!);
      }
    }
  });

  it('stores pathological markdown quickly on every route that takes markdown, and finds it', async () => {
    // BAD_INPUT rows 7 and 8 as far as the 40,000-character limit allows. The punctuation runs were the
    // seconds-long cases of PostgreSQL's to_tsvector (migrations/2026-11-28T1100_search_words_only.ts).
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
    let words = 0;
    for (const route of routes.filter((r) => r.body?.properties?.markdown && r.succeeds)) {
      for (const input of inputs) {
        const word = `needle${++words}x`;
        const markdown = `${word} ${input}`.slice(0, 40_000);
        const { url, payload } = await route.request(world);
        const started = performance.now();
        const response = await send(route.caller, {
          method: route.method as 'POST',
          url,
          payload: { ...payload, markdown },
        });
        const elapsed = performance.now() - started;
        expect(response.statusCode, `${route.key}: ${response.body}`).toBeLessThan(300);
        expect(elapsed, `${route.key} with ${input.slice(0, 4)}…`).toBeLessThan(1000);
        const body = response.json<{ id: string; post?: { id: string } }>();
        const found = await send(route.caller, { method: 'GET', url: `/api/v1/search?q=${word}` });
        expect(
          found.json<{ items: { id: string }[] }>().items.map((h) => h.id),
          `${route.key} with ${input.slice(0, 4)}…`,
        ).toContain(body.post?.id ?? body.id);
      }
    }
  });
  it('answers a posting flood with 429 and Retry-After on every posting route, for that person only', async () => {
    const posting = routes.filter((r) => r.posting);
    expect(posting.length).toBeGreaterThanOrEqual(3);
    const url = `/api/v1/threads/${world.public.threadId}/posts`;
    // The bucket refills two tokens a second, so it is emptied again right before each route is tried.
    const flood = async () => {
      let refused: LightMyRequestResponse | undefined;
      for (let i = 0; i < 130 && !refused; i++) {
        const response = await send('member', { method: 'POST', url, payload: { markdown: `flood ${i}` } });
        if (response.statusCode === 429) refused = response;
        else expect(response.statusCode).toBe(201);
      }
      expect(refused?.json()).toMatchObject({ code: 'rate_limited' });
    };
    // One quick count: counting every table takes long enough on PostgreSQL for tokens to come back.
    const countPosts = async () =>
      Number(
        (
          await ctx
            .database()
            .db.selectFrom('posts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const route of posting) {
      const { url: target, payload } = await route.requestAs(world, 'member');
      await flood();
      const before = await countPosts();
      const response = await send('member', {
        method: route.method as 'POST',
        url: target,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, route.key).toBe(429);
      expect(Number(response.headers['retry-after']), route.key).toBeGreaterThanOrEqual(1);
      expect(await countPosts(), route.key).toBe(before);
    }
    // Other people, in this workspace and the other, post as before.
    expect((await send('owner', { method: 'POST', url, payload: { markdown: 'fine' } })).statusCode).toBe(
      201,
    );
    const foreignUrl = `/api/v1/threads/${world.foreign.threadId}/posts`;
    expect(
      (await send('foreign', { method: 'POST', url: foreignUrl, payload: { markdown: 'fine' } })).statusCode,
    ).toBe(201);
  });
});
