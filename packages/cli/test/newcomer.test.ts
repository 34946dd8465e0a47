// The "Done when" of the server issue, end to end with the built command: a newcomer starts the server,
// creates the owner with the setup link, invites a second person, and the two write threads through the
// API and with the `meanwhile` command.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMeanwhileClient } from '@meanwhile/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const main = join(root, 'packages/cli/dist/main.js');
const run = promisify(execFile);

interface Person {
  email: string;
  password: string;
  name: string;
  configHome: string;
  /** Headers of the person's browser session: the cookie and its CSRF token. */
  session: Record<string, string>;
}

// Answers a login, setup or acceptance with the session's cookie and CSRF token as request headers.
function sessionOf(response: Response, csrfToken: string): Record<string, string> {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': csrfToken };
}

describe('a newcomer on a fresh clone', () => {
  let folder: string;
  let server: ChildProcess;
  let url: string;
  let setupUrl: string;
  const stdout: string[] = [];

  beforeAll(async () => {
    // `.ci/run` and `npm start` build before this runs; build here only what a bare `vitest` lacks.
    const built = [
      'packages/cli/dist/main.js',
      'packages/server/dist/src/index.js',
      'packages/api-client/dist/index.js',
    ];
    if (!built.every((file) => existsSync(join(root, file)))) {
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      await run(process.execPath, [tsc, '-b', 'packages/cli/tsconfig.build.json'], { cwd: root });
    }
    folder = await mkdtemp(join(tmpdir(), 'meanwhile-newcomer-'));
    server = spawn(process.execPath, [main, 'serve'], {
      cwd: folder,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MEANWHILE_TEST_MODE: '1',
        MEANWHILE_DATA_DIR: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: server.stdout! });
    await new Promise<void>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`meanwhile serve exited with ${code}`)));
      lines.on('line', (line) => {
        stdout.push(line);
        url ??= /^Meanwhile is running at (\S+)/.exec(line)?.[1] as string;
        setupUrl ??= /^\s+(http\S+\/setup\/\S+)$/.exec(line)?.[1] as string;
        if (line.startsWith('Press Ctrl+C')) resolve();
      });
    });
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  });

  async function meanwhile(person: Person, args: string[], stdin?: string) {
    const child = execFile(process.execPath, [main, ...args], {
      cwd: folder,
      env: { PATH: process.env.PATH, XDG_CONFIG_HOME: person.configHome, HOME: person.configHome, TZ: 'UTC' },
    });
    child.stdin!.end(stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: string) => (stdout += d));
    child.stderr!.on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    return { code, stdout, stderr };
  }

  it('creates the owner, invites a second person, and both write threads by API and CLI', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(setupUrl.startsWith(`${url}/setup/`)).toBe(true);
    const anonymous = createMeanwhileClient({ baseUrl: url });
    const person = (name: string): Person => ({
      email: `${name.toLowerCase()}@example.com`,
      password: `${name} has a long password`,
      name,
      configHome: join(folder, name),
      session: {},
    });
    const ana = person('Ana');
    const ben = person('Ben');

    const setup = await anonymous.POST('/api/v1/setup', {
      body: {
        token: setupUrl.split('/setup/')[1]!,
        workspaceName: 'Acme',
        email: ana.email,
        displayName: ana.name,
        password: ana.password,
      },
    });
    expect(setup.response.status, JSON.stringify(setup.error)).toBe(200);
    ana.session = sessionOf(setup.response, setup.data!.csrfToken);

    const invitation = await anonymous.POST('/api/v1/invitations', {
      body: { email: ben.email, role: 'member' },
      headers: ana.session,
    });
    expect(invitation.response.status, JSON.stringify(invitation.error)).toBe(201);
    const accepted = await anonymous.POST('/api/v1/invitations/accept', {
      body: {
        token: invitation.data!.linkPath.split('/').at(-1)!,
        email: ben.email,
        displayName: ben.name,
        password: ben.password,
      },
    });
    expect(accepted.response.status, JSON.stringify(accepted.error)).toBe(200);
    ben.session = sessionOf(accepted.response, accepted.data!.csrfToken);

    // Through the API, with browser sessions.
    const channel = await anonymous.POST('/api/v1/channels', {
      body: { name: 'general', visibility: 'public' },
      headers: ana.session,
    });
    expect(channel.response.status).toBe(201);
    const started = await anonymous.POST('/api/v1/channels/{id}/threads', {
      params: { path: { id: channel.data!.id } },
      body: { title: 'Welcome, Ben', markdown: 'Glad you are here.' },
      headers: ana.session,
    });
    expect(started.response.status).toBe(201);
    const answered = await anonymous.POST('/api/v1/threads/{id}/posts', {
      params: { path: { id: started.data!.thread.id } },
      body: { markdown: 'Thanks, Ana!' },
      headers: ben.session,
    });
    expect(answered.response.status).toBe(201);

    // With the command: each logs in, Ben starts a thread, Ana answers it from stdin and replies to Ben.
    for (const p of [ana, ben]) {
      const login = await meanwhile(p, ['login', url, '--email', p.email, '--password-stdin'], p.password);
      expect(login.code, login.stderr).toBe(0);
    }
    const benThread = await meanwhile(
      ben,
      ['new-thread', 'general', '--title', 'Standup notes', '--json', '-'],
      'Done: onboarding.\n',
    );
    expect(benThread.code, benThread.stderr).toBe(0);
    const { thread, post } = JSON.parse(benThread.stdout);
    expect((await meanwhile(ana, ['post', thread.id, '-'], 'Nice work.\n')).code).toBe(0);
    expect((await meanwhile(ana, ['reply', post.id, 'Onboarding took one day?'])).code).toBe(0);

    const threads = await meanwhile(ben, ['threads', 'general', '--json']);
    expect(
      JSON.parse(threads.stdout)
        .map((t: { title: string }) => t.title)
        .sort(),
    ).toEqual(['Standup notes', 'Welcome, Ben']);
    const shown = JSON.parse((await meanwhile(ben, ['show', thread.id, '--json'])).stdout);
    expect(shown.posts.map((p: { markdown: string }) => p.markdown)).toEqual([
      'Done: onboarding.',
      'Nice work.',
      'Onboarding took one day?',
    ]);
    const found = await meanwhile(ana, ['search', 'onboarding', '--author', 'Ben', '--json']);
    expect(JSON.parse(found.stdout)).toEqual([expect.objectContaining({ threadId: thread.id })]);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.at(-1)).toBe('Meanwhile stopped.');
  });
});
