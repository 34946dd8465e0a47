import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { createMeanwhileClient } from '@meanwhile/api-client';
import { exitCodes } from './exit-codes.js';

describe('meanwhile scratch', () => {
  let server: TestServer;
  let dir: string;
  const run = (args: string[]) => runMeanwhile(args, { configDir: dir });

  beforeAll(async () => {
    server = await startTestServer();
    dir = join(server.folder, 'owner');
    const login = await runMeanwhile(['login', server.url, '--email', owner.email, '--password-stdin'], {
      configDir: dir,
      stdin: `${owner.password}\n`,
    });
    expect(login.code, login.stderr).toBe(exitCodes.ok);
    const { token } = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { token: string };
    const client = createMeanwhileClient({ baseUrl: server.url, token });
    await client.POST('/api/v1/channels', { body: { name: 'musings', visibility: 'public' } });
  });
  afterAll(() => server?.close());

  it('starts a scratch thread, lists it and promotes it into its channel', async () => {
    const started = await run([
      'scratch',
      'new',
      '#musings',
      '--title',
      'Half a thought',
      '--days',
      '3',
      'Maybe…',
    ]);
    expect(started.code, started.stderr).toBe(exitCodes.ok);
    const id = /scratch thread (\S+)/.exec(started.stdout)![1]!;
    const listed = await run(['scratch', 'list', '--json']);
    const items = JSON.parse(listed.stdout) as { thread: { id: string; scratch: { expiresAt: string } } }[];
    expect(items.map((i) => i.thread.id)).toEqual([id]);
    const promoted = await run(['scratch', 'promote', id, '--json']);
    expect(promoted.code, promoted.stderr).toBe(exitCodes.ok);
    expect(JSON.parse(promoted.stdout)).toMatchObject({ id, scratch: null });
    expect(JSON.parse((await run(['scratch', 'list', '--json'])).stdout)).toEqual([]);
    const bad = await run(['scratch', 'new', '#musings', '--title', 'x', '--days', '91', 'y']);
    expect(bad.code).toBe(exitCodes.usage);
  });
});
