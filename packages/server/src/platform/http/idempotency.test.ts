import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { asCaller, installTestCaller } from '../../../test/test-caller.js';
import { hashRequest, isIdempotentRoute } from './idempotency.js';

let effects = 0;
let failNext = false;

function addCreatingRoutes(app: FastifyInstance): void {
  installTestCaller(app);
  app.post(
    '/api/v1/things',
    { schema: { body: z.strictObject({ name: z.string() }) } },
    async (request, reply) => {
      await new Promise((resolve) => setTimeout(resolve, 30)); // long enough for a duplicate to overlap
      if (failNext) {
        failNext = false;
        throw new Error('the database fell over');
      }
      effects += 1;
      const id = `thing-${effects}`;
      return reply
        .status(201)
        .header('location', `/api/v1/things/${id}`)
        .send({ id, name: (request.body as { name: string }).name });
    },
  );
  app.post('/api/v1/opted-out', { config: { idempotency: false } }, async () => ({ effects: ++effects }));
}

describeEachDialect('Idempotency-Key on creating requests', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), addCreatingRoutes));
  });
  afterAll(() => app.close());
  beforeEach(() => {
    effects = 0;
  });

  const create = (key: string | undefined, body: object, who = asCaller('w1', 'ana')) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/things',
      payload: body,
      headers: { ...who, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });

  it('replays the stored response to a retry with the same key and body', async () => {
    const first = await create('k-replay', { name: 'a' });
    expect(first.statusCode).toBe(201);
    const again = await create('k-replay', { name: 'a' });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(effects).toBe(1);
  });

  it('treats bodies that differ only in key order as the same request', async () => {
    expect(hashRequest('POST', '/x', { a: 1, b: [{ c: 2, d: 3 }] })).toBe(
      hashRequest('POST', '/x', { b: [{ d: 3, c: 2 }], a: 1 }),
    );
  });

  it('answers 422 to the same key with another body', async () => {
    await create('k-other', { name: 'a' });
    const response = await create('k-other', { name: 'b' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(effects).toBe(1);
  });

  it('runs two identical concurrent requests once; the other gets 409 or the replay', async () => {
    const [a, b] = await Promise.all([create('k-race', { name: 'a' }), create('k-race', { name: 'a' })]);
    expect(effects).toBe(1);
    const loser = a.headers['idempotent-replayed'] === 'true' || a.statusCode === 409 ? a : b;
    const winner = loser === a ? b : a;
    expect(winner.statusCode).toBe(201);
    if (loser.statusCode === 409) expect(loser.json()).toMatchObject({ code: 'idempotency_in_progress' });
    else
      expect([loser.statusCode, loser.headers['idempotent-replayed'], loser.body]).toEqual([
        201,
        'true',
        winner.body,
      ]);
  });

  it('keeps keys apart per person and per workspace', async () => {
    await create('k-shared', { name: 'a' }, asCaller('w1', 'ana'));
    const other = await create('k-shared', { name: 'a' }, asCaller('w1', 'bo'));
    const otherWorkspace = await create('k-shared', { name: 'a' }, asCaller('w2', 'ana'));
    expect([other.headers['idempotent-replayed'], otherWorkspace.headers['idempotent-replayed']]).toEqual([
      undefined,
      undefined,
    ]);
    expect(effects).toBe(3);
  });

  it('releases the key when the request fails with a 5xx, so a retry runs', async () => {
    failNext = true;
    expect((await create('k-fail', { name: 'a' })).statusCode).toBe(500);
    const retry = await create('k-fail', { name: 'a' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(effects).toBe(1);
  });

  it('runs requests without a key every time', async () => {
    await create(undefined, { name: 'a' });
    await create(undefined, { name: 'a' });
    expect(effects).toBe(2);
  });

  it('does not claim the key of a request that fails validation', async () => {
    expect((await create('k-invalid', { nome: 'a' })).statusCode).toBe(400);
    expect((await create('k-invalid', { name: 'a' })).statusCode).toBe(201);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'a b'],
    ['non-ASCII', 'clé'],
  ])('answers 400 to a key that is %s', async (_name, key) => {
    const response = await create(key, { name: 'a' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_idempotency_key' });
    expect(effects).toBe(0);
  });

  it('accepts a key of 255 visible characters', async () => {
    expect((await create('~'.repeat(255), { name: 'a' })).statusCode).toBe(201);
  });

  it('lets a route opt out', async () => {
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/opted-out',
        headers: { ...asCaller('w1', 'ana'), 'idempotency-key': 'k' },
      });
    await send();
    expect((await send()).json()).toEqual({ effects: 2 });
  });
});

it('covers POSTs under /api/v1 unless opted out', () => {
  expect(isIdempotentRoute({ method: 'POST', url: '/api/v1/posts' })).toBe(true);
  expect(isIdempotentRoute({ method: 'GET', url: '/api/v1/posts' })).toBe(false);
  expect(isIdempotentRoute({ method: 'POST', url: '/login' })).toBe(false);
  expect(isIdempotentRoute({ method: 'POST', url: '/api/v1/x', config: { idempotency: false } })).toBe(false);
});
