import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMeanwhileClient } from '@meanwhile/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { exitCodes } from './exit-codes.js';

const bob = { email: 'bob@example.com', password: 'another long password', name: 'Bob' };
const always = ['00:00-24:00'];

describe('meanwhile inbox, waiting, done and asks', () => {
  let server: TestServer;
  let ownerDir: string;
  let bobDir: string;
  const asOwner = (args: string[]) => runMeanwhile(args, { configDir: ownerDir });
  const asBob = (args: string[]) => runMeanwhile(args, { configDir: bobDir });

  beforeAll(async () => {
    server = await startTestServer();
    ownerDir = join(server.folder, 'owner');
    bobDir = join(server.folder, 'bob');
    const login = await runMeanwhile(['login', server.url, '--email', owner.email, '--password-stdin'], {
      configDir: ownerDir,
      stdin: `${owner.password}\n`,
    });
    expect(login.code, login.stderr).toBe(exitCodes.ok);
    const { token } = JSON.parse(await readFile(join(ownerDir, 'config.json'), 'utf8')) as { token: string };
    const client = createMeanwhileClient({ baseUrl: server.url, token });
    await client.POST('/api/v1/channels', { body: { name: 'general', visibility: 'public' } });
    const invitation = await client.POST('/api/v1/invitations', { body: { role: 'member' } });
    const accepted = await client.POST('/api/v1/invitations/accept', {
      body: {
        token: invitation.data!.linkPath.replace('/invite/', ''),
        email: bob.email,
        displayName: bob.name,
        password: bob.password,
      },
    });
    expect(accepted.response.status).toBe(200);
    const bobLogin = await runMeanwhile(['login', server.url, '--email', bob.email, '--password-stdin'], {
      configDir: bobDir,
      stdin: `${bob.password}\n`,
    });
    expect(bobLogin.code, bobLogin.stderr).toBe(exitCodes.ok);
    // Bob works every hour of every day, so that posts reach him at once whenever the test runs.
    const bobToken = (JSON.parse(await readFile(join(bobDir, 'config.json'), 'utf8')) as { token: string })
      .token;
    const rhythm = await createMeanwhileClient({ baseUrl: server.url, token: bobToken }).PUT(
      '/api/v1/me/rhythm',
      {
        body: {
          rhythm: {
            timeZone: 'America/Los_Angeles',
            week: {
              mon: always,
              tue: always,
              wed: always,
              thu: always,
              fri: always,
              sat: always,
              sun: always,
            },
          },
          focus: {},
          delivery: { mode: 'as-they-come', batchTimes: [] },
        },
      },
    );
    expect(rhythm.response.status).toBe(200);
  });
  afterAll(() => server.close());

  it('asks with --ask, shows it in the inbox and waiting on others, and clears it with done', async () => {
    const started = await asOwner([
      'new-thread',
      'general',
      '--title',
      'Review',
      'Please look',
      '--ask',
      `${bob.email}:today`,
      '--json',
    ]);
    expect(started.code, started.stderr).toBe(exitCodes.ok);
    const { post } = JSON.parse(started.stdout);
    expect(post.landing).toEqual([
      expect.objectContaining({ ask: expect.objectContaining({ level: 'today' }) }),
    ]);

    const waiting = await asOwner(['waiting', '--json']);
    expect(JSON.parse(waiting.stdout)).toEqual([
      expect.objectContaining({
        level: 'today',
        dueAt: expect.objectContaining({ theirs: expect.anything() }),
      }),
    ]);
    expect((await asOwner(['waiting'])).stdout).toMatch(/^PERSON\s+LEVEL\s+DUE \(THEIRS\)/);

    const inbox = await asBob(['inbox', '--json']);
    const items = JSON.parse(inbox.stdout) as { id: string; ask: { level: string } }[];
    expect(items).toEqual([
      expect.objectContaining({ postId: post.id, ask: expect.objectContaining({ level: 'today' }) }),
    ]);
    expect((await asBob(['inbox'])).stdout).toContain('ask today');
    const done = await asBob(['done', items[0]!.id]);
    expect(done.code, done.stderr).toBe(exitCodes.ok);
    expect((await asBob(['inbox'])).stdout).toContain('Your inbox is empty.');
  });

  it('interrupts with --interrupt and refuses a malformed --ask', async () => {
    const threads = JSON.parse((await asOwner(['threads', 'general', '--json'])).stdout) as { id: string }[];
    const posted = await asOwner([
      'post',
      threads[0]!.id,
      'Down',
      '--ask',
      `${bob.email}:fyi`,
      '--interrupt',
      'Prod is down',
    ]);
    expect(posted.code, posted.stderr).toBe(exitCodes.ok);
    const items = JSON.parse((await asBob(['inbox', '--json'])).stdout) as { interrupt: unknown }[];
    expect(items).toEqual([
      expect.objectContaining({ interrupt: { reason: 'Prod is down', emergency: false } }),
    ]);
    const bad = await asOwner(['post', threads[0]!.id, 'x', '--ask', 'bob']);
    expect(bad.code).toBe(exitCodes.usage);
  });

  it('shows when a held ask will land and be due, in their time and mine, after posting and in waiting', async () => {
    // Bob (America/Los_Angeles, every hour of every day) takes today and tomorrow off, his local dates: the
    // ask is held until 00:00 the day after, and a `today` reply (4 working hours) is due at 04:00 then.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
    const plusDays = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const bobToken = (JSON.parse(await readFile(join(bobDir, 'config.json'), 'utf8')) as { token: string })
      .token;
    const off = await createMeanwhileClient({ baseUrl: server.url, token: bobToken }).POST(
      '/api/v1/me/time-off',
      {
        body: { from: today, to: plusDays(today, 1) },
      },
    );
    expect(off.response.status).toBe(201);
    const landsOn = plusDays(today, 2);

    const started = await asOwner([
      'new-thread',
      'general',
      '--title',
      'Later',
      'When you are back',
      '--ask',
      `${bob.email}:today`,
    ]);
    expect(started.code, started.stderr).toBe(exitCodes.ok);
    // The owner's rhythm is in UTC: "yours" is 7 or 8 hours later on the same date.
    const yours = '\\((?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:00 yours\\)';
    expect(started.stdout).toMatch(
      new RegExp(
        `Bob: lands ${landsOn} 00:00 America/Los_Angeles ${yours} · reply due ${landsOn} 04:00 America/Los_Angeles ${yours}`,
      ),
    );

    const waiting = (await asOwner(['waiting'])).stdout;
    expect(waiting).toContain(
      `${landsOn} 04:00 America/Los_Angeles (held; lands ${landsOn} 00:00 America/Los_Angeles)`,
    );
  });
});
