import { afterAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { buildTestApp } from '../../../test/build-test-app.js';
import { openDatabase } from '../db/open-database.js';

describeEachDialect('health on a migrated database', (ctx) => {
  it('answers /healthz with 200', async () => {
    const { app } = await buildTestApp(ctx.database());
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    await app.close();
  });

  it('answers /readyz with 200 once the database is migrated', async () => {
    const { app } = await buildTestApp(ctx.database());
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.json()).toEqual({ status: 'ready' });
    expect(response.statusCode).toBe(200);
    await app.close();
  });
});

describeEachDialect(
  'health on an unmigrated database',
  (ctx) => {
    it('answers /readyz with 503 while migrations are pending', async () => {
      const { app } = await buildTestApp(ctx.database());
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'migrations_pending' });
      await app.close();
    });
  },
  { migrate: false },
);

describe('health without a database', () => {
  // Port 1 on loopback refuses connections at once.
  const database = openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
  afterAll(() => database.close());

  it('answers /readyz with 503 and /healthz with 200 when the database is unreachable', async () => {
    const { app } = await buildTestApp(database);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'database_unreachable',
    });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });
});
