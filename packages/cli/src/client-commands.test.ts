import { readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createMeanwhileClient } from '@meanwhile/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { exitCodes } from './exit-codes.js';

// A port nothing listens on: bind one, then close it.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('meanwhile as a client of the API', () => {
  let server: TestServer;
  let configDir: string;
  const run = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) =>
    runMeanwhile(args, { configDir, ...options });

  beforeAll(async () => {
    server = await startTestServer();
    configDir = join(server.folder, 'config', 'meanwhile');
    const login = await run(['login', server.url, '--email', owner.email, '--password-stdin'], {
      stdin: `${owner.password}\n`,
    });
    expect(login.code, login.stderr).toBe(exitCodes.ok);
    const { token } = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as { token: string };
    const client = createMeanwhileClient({ baseUrl: server.url, token });
    const created = await client.POST('/api/v1/channels', {
      body: { name: 'general', visibility: 'public' },
    });
    expect(created.response.status).toBe(201);
  });
  afterAll(() => server.close());

  it('stores the login readable by its owner only', async () => {
    const file = join(configDir, 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(await readFile(file, 'utf8'));
    expect(stored).toMatchObject({
      url: server.url,
      token: expect.stringMatching(/^mw_/),
      email: owner.email,
    });
    expect(JSON.stringify(stored)).not.toContain(owner.password);
    const me = await run(['whoami', '--json']);
    expect(JSON.parse(me.stdout)).toMatchObject({ via: 'token', scope: 'read-write', role: 'owner' });
  });

  it('starts a thread, posts from stdin, replies, lists, shows and searches', async () => {
    const started = await run([
      'new-thread',
      '#general',
      '--title',
      'Release plan',
      'Ship on **Friday**',
      '--json',
    ]);
    expect(started.code, started.stderr).toBe(exitCodes.ok);
    const { thread, post: first } = JSON.parse(started.stdout);
    expect(thread.title).toBe('Release plan');

    const posted = await run(['post', thread.id, '-'], { stdin: 'Tests are green\n' });
    expect(posted.code, posted.stderr).toBe(exitCodes.ok);
    expect(posted.stdout).toMatch(/^Posted \S+ in thread /);
    const replied = await run(['reply', first.id, 'Friday', 'works', '--json']);
    expect(JSON.parse(replied.stdout)).toMatchObject({ threadId: thread.id, buildsOn: [first.id] });

    const channels = await run(['channels', '--json']);
    expect(JSON.parse(channels.stdout)).toEqual([expect.objectContaining({ name: 'general' })]);
    expect((await run(['channels'])).stdout).toMatch(/#general\s+public\s+yes/);
    const threads = await run(['threads', 'general', '--json']);
    expect(JSON.parse(threads.stdout).map((t: { id: string }) => t.id)).toContain(thread.id);
    expect((await run(['threads', 'GENERAL'])).stdout).toContain('Release plan');

    const shown = await run(['show', thread.id, '--json']);
    const { posts } = JSON.parse(shown.stdout);
    expect(posts.map((p: { markdown: string }) => p.markdown)).toEqual([
      'Ship on **Friday**',
      'Tests are green',
      'Friday works',
    ]);
    expect((await run(['show', thread.id])).stdout).toMatch(/— Olga · .* · builds on /);

    const found = await run(['search', 'green', '--channel', 'general', '--author', owner.email, '--json']);
    expect(found.code, found.stderr).toBe(exitCodes.ok);
    expect(JSON.parse(found.stdout)).toEqual([
      expect.objectContaining({ threadId: thread.id, kind: 'post' }),
    ]);
    expect((await run(['search', 'nothingmatchesthis'])).stdout).toContain('Nothing matches');
  });

  it('exits 2 with the problem on stderr for 404 and 400, and prints it as JSON under --json', async () => {
    const missing = await run(['post', 'no-such-thread', 'hello']);
    expect(missing.code).toBe(exitCodes.apiError);
    expect(missing.stderr).toMatch(/^meanwhile post: Not Found: .*\(404 not_found\)/);
    const tooLong = await run(['new-thread', 'general', '--title', 'x'.repeat(201), 'body']);
    expect(tooLong.code).toBe(exitCodes.apiError);
    expect(tooLong.stderr).toContain('body.title');
    const asJson = await run(['new-thread', 'general', '--title', 'x'.repeat(201), 'body', '--json']);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await run(['threads', 'no-such-channel'])).code).toBe(exitCodes.apiError);
    expect((await run(['search', 'x', '--author', 'nobody'])).code).toBe(exitCodes.apiError);
  });

  it('exits 3 without a login and for a refused token, 69 when the server is unreachable', async () => {
    const empty = join(server.folder, 'nobody');
    const none = await runMeanwhile(['channels'], { configDir: empty });
    expect(none.code).toBe(exitCodes.notLoggedIn);
    expect(none.stderr).toContain('meanwhile login');
    const refused = await run(['channels'], { env: { MEANWHILE_TOKEN: 'mw_forged_forged_forged_forged' } });
    expect(refused.code).toBe(exitCodes.notLoggedIn);
    expect(refused.stderr).toContain('401 unauthenticated');
    const down = await run(['channels'], {
      env: { MEANWHILE_URL: `http://127.0.0.1:${await closedPort()}` },
    });
    expect(down.code).toBe(exitCodes.unreachable);
    expect(down.stderr).toMatch(/cannot reach .*ECONNREFUSED/);
    const badPassword = await run(['login', server.url, '--email', owner.email, '--password-stdin'], {
      stdin: 'wrong password!!\n',
    });
    expect(badPassword.code).toBe(exitCodes.notLoggedIn);
  });

  it('exits 64 on a wrong command line and prints help on --help', async () => {
    for (const args of [
      ['post'],
      ['threads'],
      ['new-thread', 'general', 'no title'],
      ['channels', '--frob'],
    ]) {
      const wrong = await run(args, { stdin: '' });
      expect(wrong.code, args.join(' ')).toBe(exitCodes.usage);
      expect(wrong.stderr).toContain('--help" for usage');
    }
    expect((await run(['post', 'some-thread'], { stdin: '  \n' })).code).toBe(exitCodes.usage);
    for (const name of [
      'login',
      'logout',
      'whoami',
      'channels',
      'threads',
      'show',
      'post',
      'reply',
      'new-thread',
      'search',
      'backup',
    ]) {
      const help = await run([name, '--help']);
      expect(help.code).toBe(exitCodes.ok);
      expect(help.stdout).toMatch(new RegExp(`^Usage: meanwhile ${name}`));
    }
  });

  it('lets MEANWHILE_URL and MEANWHILE_TOKEN stand in for a stored login', async () => {
    const { token } = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as { token: string };
    const result = await runMeanwhile(['channels', '--json'], {
      configDir: join(server.folder, 'unused'),
      env: { MEANWHILE_URL: server.url, MEANWHILE_TOKEN: token },
    });
    expect(result.code, result.stderr).toBe(exitCodes.ok);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it('stores an existing token with --token, and logout revokes the token login created', async () => {
    const other = join(server.folder, 'other');
    const login = await runMeanwhile(['login', server.url, '--email', owner.email, '--password-stdin'], {
      configDir: other,
      stdin: owner.password,
    });
    expect(login.code, login.stderr).toBe(exitCodes.ok);
    const { token } = JSON.parse(await readFile(join(other, 'config.json'), 'utf8')) as { token: string };
    const copy = join(server.folder, 'copy');
    const stored = await runMeanwhile(['login', server.url, '--token', '-'], {
      configDir: copy,
      stdin: token,
    });
    expect(stored.code, stored.stderr).toBe(exitCodes.ok);

    const out = await runMeanwhile(['logout'], { configDir: other });
    expect(out.code, out.stderr).toBe(exitCodes.ok);
    expect(out.stdout).toContain('revoked the token');
    expect((await runMeanwhile(['whoami'], { configDir: other })).code).toBe(exitCodes.notLoggedIn);
    // The copy holds the same, now revoked, token: the server refuses it.
    expect((await runMeanwhile(['whoami'], { configDir: copy })).code).toBe(exitCodes.notLoggedIn);
    expect((await runMeanwhile(['logout'], { configDir: copy })).code).toBe(exitCodes.ok);
    expect((await runMeanwhile(['logout'], { configDir: copy })).stdout).toBe('Not logged in.');
    await rm(other, { recursive: true, force: true });
  });
});
