import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { asCaller, installTestCaller } from '../../../test/test-caller.js';
import { decodeCursor, toPage } from '../../shared/keyset-page.js';
import { pageOf, pageQuery } from '../../shared/page-query.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { signCursor, verifyCursor } from './cursor-signing.js';

const binding = { workspaceId: 'w1', personId: 'ana', list: '/api/v1/things?{}' };
const secret = Buffer.alloc(32, 7);

describe('signCursor and verifyCursor', () => {
  const signed = signCursor(secret, 'WzEsImEiXQ', binding);

  it('returns the inner cursor of a cursor signed for the same binding', () => {
    expect(verifyCursor(secret, signed, binding)).toBe('WzEsImEiXQ');
  });

  it.each([
    ['another workspace', { ...binding, workspaceId: 'w2' }],
    ['another person', { ...binding, personId: 'bo' }],
    ['another list', { ...binding, list: '/api/v1/other?{}' }],
  ])('refuses a cursor issued for %s', (_name, other) => {
    expect(() => verifyCursor(secret, signed, other)).toThrow(
      expect.objectContaining({ code: 'invalid_cursor' }),
    );
  });

  it.each([
    ['an altered payload', `WzIsImEiXQ${signed.slice(signed.indexOf('.'))}`],
    ['an altered signature', `${signed.slice(0, -2)}AA`],
    ['no signature', 'WzEsImEiXQ'],
    ['garbage', '...'],
  ])('refuses %s', (_name, cursor) => {
    expect(() => verifyCursor(secret, cursor, binding)).toThrow(
      expect.objectContaining({ code: 'invalid_cursor' }),
    );
  });
});

// A list of workspaces newest first, keyset-paginated on (created_at, id) as repositories do.
const rowSchema = z.object({ id: z.string(), createdAt: z.number() });

function addListRoute(database: () => DatabaseHandle) {
  return (app: FastifyInstance): void => {
    installTestCaller(app);
    const schema = { querystring: pageQuery, response: { 200: pageOf(rowSchema) } };
    app.get('/api/v1/things', { schema }, async (request) => {
      const { limit, cursor } = request.query as z.output<typeof pageQuery>;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      let query = database().db.selectFrom('workspaces').select(['id', 'createdAt']);
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb('createdAt', '<', Number(after.key)),
            eb.and([eb('createdAt', '=', Number(after.key)), eb('id', '<', after.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, (row) => ({ key: row.createdAt, id: row.id }));
    });
  };
}

describeEachDialect('signed keyset cursors over HTTP', (ctx) => {
  let app: FastifyInstance;
  const insert = (id: string, createdAt: number) =>
    ctx.database().db.insertInto('workspaces').values({ id, name: id, createdAt }).execute();
  const list = (query: string, who = asCaller('w1', 'ana')) =>
    app.inject({ method: 'GET', url: `/api/v1/things${query}`, headers: who });

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), addListRoute(ctx.database)));
    for (let i = 0; i < 7; i++) await insert(`old-${i}`, 1000 + (i % 3)); // ties on the sort key
  });
  afterAll(() => app.close());

  it('pages through every row once while rows are inserted between pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const response = await list(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      await insert(`new-${inserted++}`, 5000 + inserted); // newer than every row: lands before the cursor
    } while (cursor);
    const old = seen.filter((id) => id.startsWith('old-'));
    expect(old.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `old-${i}`));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('caps limit=1e9 to 200 and limit=-1 to 1', async () => {
    expect((await list('?limit=1e9')).statusCode).toBe(200);
    const one = await list('?limit=-1');
    expect(one.json().items).toHaveLength(1);
  });

  it.each(['abc', '1.5', 'Infinity'])('answers 400 to limit=%s', async (limit) => {
    const response = await list(`?limit=${limit}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });

  async function firstCursor(): Promise<string> {
    return (await list('?limit=2')).json().nextCursor as string;
  }

  it('answers 400 invalid_cursor to a tampered cursor', async () => {
    const cursor = await firstCursor();
    const inner = Buffer.from(JSON.stringify([999999, 'zzz'])).toString('base64url');
    const tampered = `${inner}${cursor.slice(cursor.lastIndexOf('.'))}`;
    const response = await list(`?cursor=${encodeURIComponent(tampered)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_cursor' });
  });

  it.each([
    ['another workspace', asCaller('w2', 'ana')],
    ['another person', asCaller('w1', 'bo')],
  ])('answers 400 invalid_cursor to a cursor used by %s', async (_name, who) => {
    const response = await list(`?cursor=${encodeURIComponent(await firstCursor())}`, who);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_cursor' });
  });

  it('answers null nextCursor on the last page', async () => {
    expect((await list('?limit=200')).json().nextCursor).toBeNull();
  });
});
