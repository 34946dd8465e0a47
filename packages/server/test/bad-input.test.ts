// BAD_INPUT.md rows 1–5, 7, 8, 12, 15–20 and 27, generated over every route that takes the input, on both
// databases: the answer is a 4xx problem (never a 5xx, never a hang) and a refused write changes nothing.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { badBodies, countRows, hostileIds, listRoutes } from './bad-input-cases.js';
import type { ApiRoute } from './bad-input-cases.js';
import { buildWorld, randomId, secretWords, withoutRequestId } from './authorization-world.js';
import type { CallerName, World } from './authorization-world.js';
import { describeEachDialect } from './dialects.js';

describeEachDialect('bad input on every route', (ctx) => {
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
    if (response.statusCode >= 400)
      expect(response.headers['content-type']).toContain('application/problem+json');
    return response;
  }
  const counts = () => countRows(ctx.database().db as never);

  it('refuses broken, oversized, poisoned and mass-assigning bodies with a 4xx, writing nothing', async () => {
    for (const route of routes.filter((r) => r.body)) {
      const { url, payload } = await route.request(world);
      const before = await counts();
      for (const bad of badBodies(route.body!, payload as Record<string, unknown>)) {
        const response = await send(route.caller, {
          method: route.method as 'POST',
          url,
          payload: bad.raw,
          headers: { 'content-type': bad.contentType ?? 'application/json' },
        });
        expect(response.statusCode, `${route.key} with ${bad.name}: ${response.body}`).toBe(bad.status);
      }
      expect(await counts(), route.key).toEqual(before);
    }
  });

  it('answers hostile, random and foreign ids alike with 404, on every route with an id', async () => {
    for (const route of routes.filter((r) => r.pattern.includes('/:id'))) {
      const { url, payload } = await route.request(world);
      const given = url.split('?')[0]!.split('/');
      const withId = (id: string) =>
        route.pattern
          .split('/')
          .map((part, i) => (part.startsWith(':') && part !== ':emoji' ? encodeURIComponent(id) : given[i]))
          .join('/');
      const before = await counts();
      const bodies = new Set<string>();
      const call = (caller: CallerName, target: string) =>
        send(caller, { method: route.method as 'GET', url: target, ...(payload ? { payload } : {}) });
      for (const id of [...hostileIds, randomId()]) {
        const response = await call(route.caller === 'anonymous' ? 'owner' : route.caller, withId(id));
        expect(response.statusCode, `${route.key} with ${id}`).toBe(404);
        bodies.add(withoutRequestId(response));
      }
      // The first workspace's real object, asked for from the other workspace.
      const foreign = await call('foreign', url);
      expect(foreign.statusCode, `${route.key} from the other workspace`).toBe(404);
      bodies.add(withoutRequestId(foreign));
      expect([...bodies], route.key).toHaveLength(1);
      expect(await counts(), route.key).toEqual(before);
    }
  });

  it('caps list limits and refuses tampered or foreign cursors, on every list', async () => {
    const lists = routes.filter((r) => r.method === 'GET' && r.query.includes('limit'));
    expect(lists.length).toBeGreaterThanOrEqual(4);
    for (const route of lists) {
      const base = new URL((await route.request(world)).url, 'http://x');
      if (route.query.includes('q')) base.searchParams.set('q', secretWords.shared);
      const get = (caller: CallerName, query: Record<string, string>) => {
        const target = new URL(base);
        for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
        return send(caller, { method: 'GET', url: `${target.pathname}${target.search}` });
      };
      const page = async (query: Record<string, string>) => {
        const response = await get('owner', query);
        expect(response.statusCode, `${route.key} ${JSON.stringify(query)}`).toBe(200);
        return response.json<{ items: unknown[]; nextCursor: string | null }>();
      };
      expect((await page({ limit: '-1' })).items.length).toBeLessThanOrEqual(1);
      expect((await page({ limit: '1e9' })).items.length).toBeLessThanOrEqual(200);
      for (const limit of ['abc', 'NaN', '1e309', '2.5']) {
        expect((await get('owner', { limit })).statusCode, `${route.key} limit=${limit}`).toBe(400);
      }
      const first = await page({ limit: '1' });
      expect(first.nextCursor, `${route.key} needs two rows in the fixture`).not.toBeNull();
      const cursor = first.nextCursor!;
      const flipped = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
      for (const [caller, bad] of [
        ['owner', flipped],
        ['owner', `${cursor}x`],
        ['owner', cursor.split('.')[0]!],
        ['member', cursor],
        ['foreign', cursor],
      ] as const) {
        const response = await get(caller, { limit: '1', cursor: bad });
        expect(response.statusCode, `${route.key} cursor ${caller}`).toBe(400);
        expect(response.json()).toMatchObject({ code: 'invalid_cursor' });
      }
      expect((await page({ limit: '1', cursor })).items).toHaveLength(1);
    }
  });

  it('refuses impossible dates and repeated scalars in queries', async () => {
    for (const query of ['from=2027-02-29T00:00:00Z', 'to=2025-13-01T00:00:00Z', 'from=1e309', 'q=a&q=b']) {
      const response = await send('owner', {
        method: 'GET',
        url: `/api/v1/search?q=x&${query}`.replace('q=x&q=a', 'q=a'),
      });
      expect(response.statusCode, query).toBe(400);
    }
    const yearZero = await send('owner', {
      method: 'GET',
      url: '/api/v1/search?q=x&from=0000-01-01T00:00:00Z',
    });
    expect([200, 400]).toContain(yearZero.statusCode);
  });

  it('refuses a cookie request without its CSRF token on every unsafe route, writing nothing', async () => {
    const unsafe = routes.filter((r) => r.method !== 'GET');
    const requests = [];
    for (const route of unsafe) requests.push(await route.request(world));
    const before = await counts();
    for (const [i, route] of unsafe.entries()) {
      const { url, payload } = requests[i]!;
      const response = await send('anonymous', {
        method: route.method as 'POST',
        url,
        headers: { cookie: world.headers.admin.cookie! },
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, route.key).toBe(403);
      expect(response.json()).toMatchObject({ code: 'csrf_failed' });
    }
    expect(await counts()).toEqual(before);
  });

  // A 100 KB cookie is refused by Node's parser before any route (header-limits.test.ts, over a socket).
  it('refuses 1,000 headers and a repeated Authorization on every route', async () => {
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`x-h${i}`, 'v']));
    for (const route of routes) {
      const { url } = await route.request(world);
      const method = route.method as 'POST';
      expect((await send('anonymous', { method, url, headers: many })).statusCode, route.key).toBe(431);
      const authorization = [world.headers.owner.authorization!, world.headers.member.authorization!];
      const headers: Record<string, string | string[]> = { authorization };
      const twice = await world.app.inject({ method, url, headers });
      expect(twice.statusCode, route.key).toBe(400);
    }
  });
});
