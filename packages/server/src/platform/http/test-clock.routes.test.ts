import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from '../../shared/clock.js';
import { loadConfig } from '../config.js';
import { startServer } from '../serve.js';
import type { RunningServer } from '../serve.js';
import { openDatabase } from '../db/open-database.js';
import { buildApp } from './build-app.js';

describe('the test clock route', () => {
  it('does not exist in a normal app', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meanwhile-clock-'));
    const database = openDatabase({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    try {
      const app = await buildApp({ database, logLevel: 'silent' });
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/test/clock',
        payload: { advanceMs: 1 },
      });
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toMatchObject({ code: 'route_not_found' });
      await app.close();
    } finally {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sets and advances the clock of a test-mode app, and refuses nonsense', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meanwhile-clock-'));
    const database = openDatabase({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    const testClock = createTestClock({ start: Date.UTC(2027, 0, 1) });
    try {
      const app = await buildApp({ database, logLevel: 'silent', testClock });
      const post = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/test/clock', payload });
      const set = await post({ now: '2027-03-28T00:30:00+01:00' });
      expect(set.json()).toEqual({ now: '2027-03-27T23:30:00.000Z', nowMs: Date.UTC(2027, 2, 27, 23, 30) });
      expect((await post({ advanceMs: 3_600_000 })).json().now).toBe('2027-03-28T00:30:00.000Z');
      expect(testClock.now()).toBe(Date.UTC(2027, 2, 28, 0, 30));
      for (const bad of [
        { now: '1e30' },
        { now: 1e30 },
        { advanceMs: 1.5 },
        { advanceMs: 1e20 },
        { later: 1 },
      ]) {
        expect((await post(bad)).statusCode, JSON.stringify(bad)).toBe(400);
      }
      await app.close();
    } finally {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a server started normally and in test mode', () => {
  const servers: RunningServer[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meanwhile-clock-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has the clock route only in test mode', async () => {
    const env = { MEANWHILE_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
    const normal = await startServer(loadConfig(env));
    servers.push(normal);
    const refused = await fetch(`${normal.url}/api/v1/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceMs":1}',
    });
    expect(refused.status).toBe(404);
    await normal.close();
    servers.pop();
    const testMode = await startServer(loadConfig({ ...env, MEANWHILE_TEST_MODE: '1' }));
    servers.push(testMode);
    const moved = await fetch(`${testMode.url}/api/v1/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2030-01-01T00:00:00Z' }),
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { nowMs: number }).nowMs).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
  });
});
