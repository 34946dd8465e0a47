import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, migrateToLatest, openDatabase } from '@meanwhile/server';
import type { DatabaseHandle } from '@meanwhile/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeanwhileClient } from './index.js';

describe('createMeanwhileClient against a real server', () => {
  let dir: string;
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let baseUrl: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meanwhile-client-'));
    database = openDatabase({ kind: 'sqlite', file: join(dir, 'test.sqlite') });
    await migrateToLatest(database.db);
    app = await buildApp({ database, logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the OpenAPI document over HTTP', async () => {
    const client = createMeanwhileClient({ baseUrl });
    const { data, response } = await client.GET('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ openapi: '3.1.0' });
  });

  it('sends the token, and an Idempotency-Key on POST only, and returns problems as errors', async () => {
    const seen: Request[] = [];
    const client = createMeanwhileClient({
      baseUrl,
      token: 'mw_test',
      newIdempotencyKey: () => 'key-1',
      fetch: async (input) => {
        seen.push((input as Request).clone());
        return fetch(input);
      },
    });
    await client.GET('/api/v1/openapi.json');
    const { error, response } = await client.POST('/api/v1/setup', {
      body: {
        token: 'nope',
        workspaceName: 'W',
        email: 'a@example.com',
        displayName: 'A',
        password: 'x'.repeat(12),
      },
    });
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(['Bearer mw_test', 'Bearer mw_test']);
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual([null, 'key-1']);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(error).toMatchObject({ code: expect.any(String), status: response.status });
  });
});
