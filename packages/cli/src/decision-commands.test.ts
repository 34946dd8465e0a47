import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMeanwhileClient } from '@meanwhile/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { exitCodes } from './exit-codes.js';

describe('meanwhile decide and vote', () => {
  let server: TestServer;
  let dir: string;
  let threadId: string;
  let ownerId: string;
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
    ownerId = (await client.GET('/api/v1/me')).data!.person.id;
    const channel = await client.POST('/api/v1/channels', {
      body: { name: 'decisions', visibility: 'public' },
    });
    const started = await client.POST('/api/v1/channels/{id}/threads', {
      params: { path: { id: channel.data!.id } },
      body: { title: 'Names', markdown: 'Pick one.' },
    });
    threadId = started.data!.thread.id;
  });
  afterAll(() => server?.close());

  it('opens a vote, votes, closes it early and shows the outcome', async () => {
    const opened = await run([
      'decide',
      'open',
      threadId,
      '--question',
      'Which name?',
      '--required',
      ownerId,
      '--option',
      'Aurora',
      '--option',
      'Borealis',
      '--window',
      '8',
      '--json',
    ]);
    expect(opened.code, opened.stderr).toBe(exitCodes.ok);
    const { id } = JSON.parse(opened.stdout) as { id: string };
    const early = await run(['decide', 'close', id]);
    expect(early.code).toBe(exitCodes.apiError);
    expect(early.stderr).toContain('decision_responses_missing');
    const voted = await run(['vote', id, '1']);
    expect(voted.code, voted.stderr).toBe(exitCodes.ok);
    expect(voted.stdout).toContain('Your response: vote 1');
    const closed = await run(['decide', 'close', id]);
    expect(closed.code, closed.stderr).toBe(exitCodes.ok);
    expect(closed.stdout).toContain('Outcome: Borealis');
    const shown = await run(['decide', 'show', id, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ state: 'closed', closedEarly: true });
  });
});
