import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { asCaller, installTestCaller } from '../../../test/test-caller.js';
import { DomainError } from '../../shared/domain-error.js';

// Two tables of this test's own: `rt_child` references `rt_parent` with a foreign key checked only at
// COMMIT, so that a test can make a commit fail on either database.
async function createTables(db: Kysely<unknown>): Promise<void> {
  await sql`create table rt_parent (id text primary key)`.execute(db);
  await sql`create table rt_child (id text primary key,
    parent_id text not null references rt_parent (id) deferrable initially deferred)`.execute(db);
}

const insertParent = (db: Kysely<unknown>, id: string) =>
  sql`insert into rt_parent (id) values (${id})`.execute(db);
const insertOrphan = (db: Kysely<unknown>, id: string) =>
  sql`insert into rt_child (id, parent_id) values (${id}, 'nobody')`.execute(db);
const parentIds = async (db: Kysely<unknown>): Promise<string[]> =>
  (await sql<{ id: string }>`select id from rt_parent order by id`.execute(db)).rows.map((r) => r.id);

// Routes that write a parent row named by the body, then answer as the body says.
function addWritingRoutes(app: FastifyInstance, db: Kysely<unknown>): void {
  installTestCaller(app);
  app.post(
    '/api/v1/rt',
    {
      schema: {
        body: z.strictObject({
          id: z.string(),
          outcome: z.enum(['ok', 'nested-fails', '500', '429', 'bad-commit']),
        }),
      },
    },
    async (request, reply) => {
      const { id, outcome } = request.body as { id: string; outcome: string };
      await insertParent(db, id);
      if (outcome === 'nested-fails') {
        await db
          .transaction()
          .execute(async (tx) => {
            await insertParent(tx, `${id}-nested`);
            throw new Error('the nested part fails');
          })
          .catch(() => undefined);
      }
      if (outcome === '500') throw new Error('the database fell over');
      if (outcome === '429') throw new DomainError('rate_limited', 'Slow down.');
      if (outcome === 'bad-commit') await insertOrphan(db, `${id}-orphan`);
      return reply.status(201).send({ id });
    },
  );
}

describeEachDialect('request transactions', (ctx) => {
  let app: FastifyInstance;
  let db: Kysely<unknown>;
  let keys = 0;
  beforeAll(async () => {
    db = ctx.database().db as unknown as Kysely<unknown>;
    await createTables(db);
    ({ app } = await buildTestApp(ctx.database(), (a) => addWritingRoutes(a, db)));
  });
  afterAll(() => app.close());

  const post = (id: string, outcome: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/rt',
      payload: { id, outcome },
      headers: { ...asCaller('w1', 'ana'), 'idempotency-key': `rt-${++keys}` },
    });

  it("turns a module's own transaction into a savepoint: its failure undoes only its part", async () => {
    const transaction = await ctx.database().beginRequestTransaction();
    await transaction.run(async () => {
      await insertParent(db, 'a1');
      await db
        .transaction()
        .execute(async (tx) => {
          await insertParent(tx, 'a2');
          throw new Error('undo a2');
        })
        .catch(() => undefined);
      await db.transaction().execute((tx) => insertParent(tx, 'a3'));
      expect(await parentIds(db)).toEqual(['a1', 'a3']);
    });
    if (ctx.dialect === 'postgres') {
      // Outside the request, on another connection, nothing is visible before the commit.
      expect(await parentIds(db)).not.toContain('a1');
    }
    await transaction.commit();
    expect(await parentIds(db)).toEqual(expect.arrayContaining(['a1', 'a3']));
    expect(await parentIds(db)).not.toContain('a2');
  });

  it('rolls back every write of the request, and ignores a second end', async () => {
    const transaction = await ctx.database().beginRequestTransaction();
    await transaction.run(async () => {
      await insertParent(db, 'b1');
      await db.transaction().execute((tx) => insertParent(tx, 'b2'));
    });
    await transaction.rollback();
    await transaction.rollback();
    await transaction.commit();
    expect(await parentIds(db)).not.toContain('b1');
    expect(await parentIds(db)).not.toContain('b2');
  });

  it('rethrows a failed commit, rolls it back and frees the connection', async () => {
    const transaction = await ctx.database().beginRequestTransaction();
    await transaction.run(async () => {
      await insertParent(db, 'c1');
      await insertOrphan(db, 'c1-orphan');
    });
    await expect(transaction.commit()).rejects.toThrow();
    expect(await parentIds(db)).not.toContain('c1');
    // The connection went back clean: the next transaction commits.
    const next = await ctx.database().beginRequestTransaction();
    await next.run(() => insertParent(db, 'c2'));
    await next.commit();
    expect(await parentIds(db)).toContain('c2');
  });

  it('runs an idempotent POST in one transaction: a failed nested transaction keeps the rest', async () => {
    const response = await post('d1', 'nested-fails');
    expect(response.statusCode, response.body).toBe(201);
    expect(await parentIds(db)).toContain('d1');
    expect(await parentIds(db)).not.toContain('d1-nested');
  });

  it("rolls back the request's writes when it answers 5xx or 429", async () => {
    expect((await post('e1', '500')).statusCode).toBe(500);
    expect((await post('e2', '429')).statusCode).toBe(429);
    expect(await parentIds(db)).not.toContain('e1');
    expect(await parentIds(db)).not.toContain('e2');
  });

  it('answers 500 when the commit fails, and keeps nothing of the request', async () => {
    const response = await post('f1', 'bad-commit');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'internal' });
    expect(await parentIds(db)).not.toContain('f1');
    const countKeys = await sql<{ n: number | string }>`select count(*) as n from idempotency_keys
      where key = ${`rt-${keys}`}`.execute(db);
    expect(Number(countKeys.rows[0]!.n)).toBe(0);
    expect((await post('f2', 'ok')).statusCode).toBe(201);
  });
});
