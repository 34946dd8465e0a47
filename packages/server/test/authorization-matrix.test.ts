// The authorization matrix (issue 3, "Shown by tests"): every route the app registers × every kind of caller,
// against the table in authorization-expectations.ts, on both databases; and the leak check: what the
// outsider (no access to the private channel) and the foreign caller (another workspace) read never carries
// hidden ids, titles or text, and a hidden id answers exactly as a random one.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listApiRoutes } from '../src/platform/http/openapi.js';
import { routeExpectations } from './authorization-expectations.js';
import type { RouteCase } from './authorization-expectations.js';
import { buildWorld, callerNames, randomId, secretWords, withoutRequestId } from './authorization-world.js';
import type { CallerName, World } from './authorization-world.js';
import { describeEachDialect } from './dialects.js';

/** `url` with every id path parameter of `pattern` replaced by a random id. */
function withRandomIds(pattern: string, url: string): string {
  const [path, query] = url.split('?');
  const given = path!.split('/');
  const swapped = pattern
    .split('/')
    .map((segment, i) => (segment.startsWith(':') && segment !== ':emoji' ? randomId() : given[i]))
    .join('/');
  return query === undefined ? swapped : `${swapped}?${query}`;
}

const rows = Object.entries(routeExpectations).sort(
  ([, a], [, b]) => Number(Boolean(a.runsLast)) - Number(Boolean(b.runsLast)),
);

describeEachDialect('the authorization matrix', (ctx) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(ctx.database());
  });
  afterAll(() => world?.close());

  const send = (caller: CallerName, method: string, url: string, payload?: object) =>
    world.app.inject({
      method: method as 'GET',
      url,
      headers: world.headers[caller],
      ...(payload ? { payload } : {}),
    });

  it('has a row for every route the app registers, and none for a route it does not', () => {
    const registered = listApiRoutes(world.app).map(({ method, url }) => `${method} ${url}`);
    expect(registered.length).toBeGreaterThan(30);
    expect(Object.keys(routeExpectations).sort()).toEqual([...new Set(registered)].sort());
  });

  function hiddenFrom(caller: 'outsider' | 'foreign'): string[] {
    const p = world.private;
    const hidden = [p.channelId, p.channelName, p.threadId, p.threadTitle, p.postId, p.postText];
    hidden.push(world.memberPostId, world.archivableChannelId, secretWords.private);
    if (caller === 'outsider') return hidden;
    const q = world.public;
    hidden.push(q.channelId, q.threadId, q.threadTitle, q.postId, q.postText, world.workspaceId);
    for (const [name, person] of Object.entries(world.people)) if (name !== 'foreign') hidden.push(person.id);
    return hidden;
  }

  async function readAll(caller: 'outsider' | 'foreign'): Promise<LightMyRequestResponse[]> {
    const extra = [
      `/api/v1/channels/${world.public.channelId}/threads`,
      `/api/v1/threads/${world.public.threadId}/posts`,
      `/api/v1/search?q=${secretWords.shared}`,
      `/api/v1/search?q=${secretWords.shared}&channelId=${world.private.channelId}`,
      `/api/v1/search?q=${secretWords.shared}&authorId=${world.people.owner.id}`,
      `/api/v1/search?q=${secretWords.private}`,
      `/api/v1/search?q=herd&limit=200`,
    ];
    const responses = [];
    for (const [key, row] of rows) {
      if (!key.startsWith('GET ')) continue;
      const { url } = await row.request(world, caller);
      responses.push(await send(caller, 'GET', url));
    }
    for (const url of extra) responses.push(await send(caller, 'GET', url));
    return responses;
  }

  for (const caller of ['outsider', 'foreign'] as const) {
    it(`shows the ${caller} no hidden id, title or text in any GET response`, async () => {
      const hidden = hiddenFrom(caller);
      for (const response of await readAll(caller)) {
        expect(response.statusCode).toBeLessThan(500);
        for (const secret of hidden) {
          expect(response.body, `${response.raw.req.url} leaks "${secret}"`).not.toContain(secret);
        }
      }
    });
  }

  it('counts only visible channels and search hits', async () => {
    const itemsOf = async (caller: CallerName, url: string) =>
      (await send(caller, 'GET', url)).json<{
        items: { id: string; channelId?: string; visibility?: string }[];
      }>().items;
    const ownerChannels = await itemsOf('owner', '/api/v1/channels?limit=200');
    const outsiderChannels = await itemsOf('outsider', '/api/v1/channels?limit=200');
    expect(outsiderChannels.map((c) => c.id).sort()).toEqual(
      ownerChannels
        .filter((c) => c.visibility === 'public')
        .map((c) => c.id)
        .sort(),
    );
    expect((await itemsOf('foreign', '/api/v1/channels?limit=200')).map((c) => c.id)).toEqual([
      world.foreign.channelId,
    ]);
    const search = `/api/v1/search?q=${secretWords.shared}&limit=200`;
    const ownerHits = await itemsOf('owner', search);
    const outsiderHits = await itemsOf('outsider', search);
    expect(ownerHits.length).toBeGreaterThan(outsiderHits.length);
    expect(ownerHits.some((h) => h.channelId === world.private.channelId)).toBe(true);
    expect(outsiderHits.map((h) => h.id).sort()).toEqual(
      ownerHits
        .filter((h) => h.channelId === world.public.channelId)
        .map((h) => h.id)
        .sort(),
    );
    const foreignHits = await itemsOf('foreign', search);
    expect(foreignHits.length).toBeGreaterThan(0);
    expect(foreignHits.every((h) => h.channelId === world.foreign.channelId)).toBe(true);
  });

  for (const [key, row] of rows) {
    it(`${key}: every caller gets its expected status; hidden ids answer as random ones`, async () => {
      await checkRow(key, row);
    });
  }

  async function checkRow(key: string, row: RouteCase): Promise<void> {
    const [method, pattern] = key.split(' ') as [string, string];
    const actual = {} as Record<CallerName, number>;
    const notFound: { caller: CallerName; body: string }[] = [];
    for (const caller of callerNames) {
      const { url, payload } = await row.request(world, caller);
      const response = await send(caller, method, url, payload);
      actual[caller] = response.statusCode;
      if (response.statusCode >= 400) {
        expect(response.headers['content-type'], response.body).toContain('application/problem+json');
      }
      if (response.statusCode === 404) notFound.push({ caller, body: withoutRequestId(response) });
    }
    expect(actual).toEqual(row.expect);
    if (!pattern.includes('/:')) return;
    // The answer to an id that names nothing, as the owner and as the foreign caller.
    for (const caller of ['owner', 'foreign'] as const) {
      const { url, payload } = await row.request(world, caller);
      const random = await send(caller, method, withRandomIds(pattern, url), payload);
      expect(random.statusCode, random.body).toBe(404);
      for (const hidden of notFound) expect(hidden.body, hidden.caller).toBe(withoutRequestId(random));
    }
  }
});
