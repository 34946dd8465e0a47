import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { exitCodes } from './exit-codes.js';

describe('meanwhile who-is-working and rhythm', () => {
  let server: TestServer;
  let configDir: string;
  const run = (args: string[], options: { stdin?: string } = {}) =>
    runMeanwhile(args, { configDir, ...options });

  beforeAll(async () => {
    server = await startTestServer();
    configDir = join(server.folder, 'config', 'meanwhile');
    const login = await run(['login', server.url, '--email', owner.email, '--password-stdin'], {
      stdin: `${owner.password}\n`,
    });
    expect(login.code, login.stderr).toBe(exitCodes.ok);
  });
  afterAll(() => server.close());

  it('shows my rhythm: the sign-up default in UTC, Mon–Fri 09:00–17:00, as they come', async () => {
    const json = await run(['rhythm', '--json']);
    expect(json.code, json.stderr).toBe(exitCodes.ok);
    expect(JSON.parse(json.stdout)).toMatchObject({
      rhythm: {
        rhythm: { timeZone: 'UTC', week: { mon: ['09:00-17:00'], sat: [] } },
        delivery: { mode: 'as-they-come' },
      },
      timeOff: [],
    });
    const text = await run(['rhythm']);
    expect(text.stdout).toContain('Time zone: UTC');
    expect(text.stdout).toMatch(/mon\s+09:00-17:00\s+–/);
    expect(text.stdout).toContain('Deliveries: as they come');
  });

  it('lists who is working now and when the others can next be reached', async () => {
    const json = await run(['who-is-working', '--json']);
    expect(json.code, json.stderr).toBe(exitCodes.ok);
    const people = JSON.parse(json.stdout) as {
      displayName: string;
      timeZone: string;
      now: { status: string };
    }[];
    expect(people).toEqual([
      expect.objectContaining({
        displayName: owner.name,
        timeZone: 'UTC',
        now: expect.objectContaining({ status: expect.any(String) }),
      }),
    ]);
    const text = await run(['who-is-working']);
    expect(text.stdout).toMatch(/^PERSON\s+NOW\s+THEIR TIME\s+NEXT REACHABLE/);
    expect(text.stdout).toContain(owner.name);
    const unknown = await run(['who-is-working', '--channel', 'nope']);
    expect(unknown.code).not.toBe(exitCodes.ok);
  });
});
