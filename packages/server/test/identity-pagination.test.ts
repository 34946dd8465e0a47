// Cursor pagination of the identity lists (sessions, tokens, invitations, people): the same keyset and
// signed cursors as the content lists, `{ items, nextCursor }`, stable while rows are added.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from './build-test-app.js';
import { describeEachDialect } from './dialects.js';
import { addPerson, asSession, createOwnerSession, createToken, invite, logIn } from './identity.js';
import type { TestSession } from './identity.js';

const lists = ['/api/v1/sessions', '/api/v1/tokens', '/api/v1/invitations', '/api/v1/people'] as const;

describeEachDialect('identity lists are cursor-paginated', (ctx) => {
  let app: FastifyInstance;
  let owner: TestSession;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database()));
    owner = await createOwnerSession(app, ctx.database());
    for (let i = 0; i < 4; i++) await createToken(app, owner);
    for (let i = 0; i < 3; i++) await addPerson(app, owner, 'member'); // 3 used invitations, 4 people
    for (let i = 0; i < 2; i++) await invite(app, owner, 'guest');
    for (let i = 0; i < 4; i++) await logIn(app, owner.email); // 5 sessions of the owner
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url, headers: asSession(owner) });

  async function readPages(list: string, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(
        `${list}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{ items: { id: string }[]; nextCursor: string | null }>();
      expect(body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    return { ids, pages };
  }

  it.each([
    ['/api/v1/sessions', 5],
    ['/api/v1/tokens', 4],
    ['/api/v1/invitations', 5],
    ['/api/v1/people', 4],
  ])('pages through %s two at a time, each row once, in the order of one big page', async (list, count) => {
    const whole = (await get(list)).json<{ items: { id: string }[]; nextCursor: string | null }>();
    expect(whole.items).toHaveLength(count);
    expect(whole.nextCursor).toBeNull();
    const { ids, pages } = await readPages(list, 2);
    expect(ids).toEqual(whole.items.map((item) => item.id));
    expect(pages).toBe(Math.ceil(count / 2));
  });

  it.each(lists)('caps the limit of %s to 1…200 like every list', async (list) => {
    expect((await get(`${list}?limit=0`)).json().items).toHaveLength(1);
    expect((await get(`${list}?limit=1000000000`)).statusCode).toBe(200);
    expect((await get(`${list}?limit=two`)).json()).toMatchObject({ code: 'validation_failed' });
  });

  it('refuses a cursor of another list or a tampered one with 400 invalid_cursor', async () => {
    const tokens = (await get('/api/v1/tokens?limit=1')).json<{ nextCursor: string }>();
    expect((await get(`/api/v1/invitations?cursor=${tokens.nextCursor}`)).json()).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
    });
    const tampered = `${tokens.nextCursor.slice(0, -2)}xx`;
    expect((await get(`/api/v1/tokens?cursor=${tampered}`)).statusCode).toBe(400);
  });

  it('neither repeats nor skips a row when rows are added between pages', async () => {
    const before = (await readPages('/api/v1/tokens', 100)).ids;
    const first = (await get('/api/v1/tokens?limit=2')).json<{
      items: { id: string }[];
      nextCursor: string;
    }>();
    await createToken(app, owner); // newer than every listed token: it belongs before page one
    const rest = await get(`/api/v1/tokens?limit=100&cursor=${encodeURIComponent(first.nextCursor)}`);
    const restIds = rest.json<{ items: { id: string }[] }>().items.map((t) => t.id);
    expect([...first.items.map((t) => t.id), ...restIds]).toEqual(before);
  });
});
