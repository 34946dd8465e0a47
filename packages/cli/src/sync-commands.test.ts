import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMeanwhileClient } from '@meanwhile/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { exitCodes } from './exit-codes.js';

const bob = { email: 'bob@example.com', password: 'another long password', name: 'Bob' };
const always = ['00:00-24:00'];
const hourMs = 3_600_000;
const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

describe('meanwhile sync-windows and meet', () => {
  let server: TestServer;
  let ownerDir: string;
  let bobDir: string;
  let threadId: string;
  let meetingId: string;
  const asOwner = (args: string[]) => runMeanwhile(args, { configDir: ownerDir });
  const asBob = (args: string[]) => runMeanwhile(args, { configDir: bobDir });
  // Bob works every hour, so his 16 working hours of notice are 16 hours of the clock.
  const start = new Date(Math.ceil((Date.now() + 17 * hourMs) / hourMs) * hourMs);

  beforeAll(async () => {
    server = await startTestServer();
    ownerDir = join(server.folder, 'owner');
    bobDir = join(server.folder, 'bob');
    const login = await runMeanwhile(['login', server.url, '--email', owner.email, '--password-stdin'], {
      configDir: ownerDir,
      stdin: `${owner.password}\n`,
    });
    expect(login.code, login.stderr).toBe(exitCodes.ok);
    const token = (JSON.parse(await readFile(join(ownerDir, 'config.json'), 'utf8')) as { token: string })
      .token;
    const client = createMeanwhileClient({ baseUrl: server.url, token });
    const channel = await client.POST('/api/v1/channels', {
      body: { name: 'general', visibility: 'public' },
    });
    const thread = await client.POST('/api/v1/channels/{id}/threads', {
      params: { path: { id: channel.data!.id } },
      body: { title: 'Planning agenda', markdown: '1. Scope' },
    });
    threadId = (thread.data as unknown as { thread: { id: string } }).thread.id;
    const invitation = await client.POST('/api/v1/invitations', { body: { role: 'member' } });
    await client.POST('/api/v1/invitations/accept', {
      body: {
        token: invitation.data!.linkPath.replace('/invite/', ''),
        email: bob.email,
        displayName: bob.name,
        password: bob.password,
      },
    });
    const bobLogin = await runMeanwhile(['login', server.url, '--email', bob.email, '--password-stdin'], {
      configDir: bobDir,
      stdin: `${bob.password}\n`,
    });
    expect(bobLogin.code, bobLogin.stderr).toBe(exitCodes.ok);
    const bobToken = (JSON.parse(await readFile(join(bobDir, 'config.json'), 'utf8')) as { token: string })
      .token;
    const week = Object.fromEntries(weekdays.map((d) => [d, always]));
    const rhythm = await createMeanwhileClient({ baseUrl: server.url, token: bobToken }).PUT(
      '/api/v1/me/rhythm',
      {
        body: {
          rhythm: { timeZone: 'America/Los_Angeles', week },
          focus: {},
          delivery: { mode: 'as-they-come', batchTimes: [] },
        },
      },
    );
    expect(rhythm.response.status).toBe(200);
  });
  afterAll(() => server.close());

  it("shows each invitee's earliest allowed start", async () => {
    const before = Date.now();
    const notice = await asOwner(['meet', 'notice', '--invite', bob.email, '--json']);
    expect(notice.code, notice.stderr).toBe(exitCodes.ok);
    const earliest = Date.parse(JSON.parse(notice.stdout).earliestStart);
    expect(earliest).toBeGreaterThanOrEqual(before + 16 * hourMs);
    expect(earliest).toBeLessThanOrEqual(Date.now() + 16 * hourMs);
  });

  it('refuses a meeting that breaks the notice, naming the earliest allowed start', async () => {
    const early = new Date(Date.now() + hourMs).toISOString();
    const args = [
      'meet',
      'request',
      '--title',
      'Too soon',
      '--agenda',
      threadId,
      '--invite',
      'Bob',
      '--at',
      early,
    ];
    const refused = await asOwner([...args, '--reason', 'Urgent']);
    expect(refused.code).toBe(exitCodes.apiError);
    expect(refused.stderr).toContain('meeting_notice_too_short');
    expect(refused.stderr).toMatch(/body\.startsAt: must be at or after \d{4}-\d\d-\d\dT/);
  });

  it('fixes a sync window in the agreement and requests a meeting inside it', async () => {
    const day = weekdays[start.getUTCDay()]!;
    const fix = await asOwner([
      'sync-windows',
      'fix',
      day,
      '00:00-24:00',
      '--zone',
      'UTC',
      '--reason',
      'All day',
    ]);
    expect(fix.code, fix.stderr).toBe(exitCodes.ok);
    expect(fix.stdout).toContain(`Fixed ${day} 00:00-24:00 UTC`);
    const fixed = await asOwner(['sync-windows', 'fixed']);
    expect(fixed.stdout).toContain(`${day} 00:00-24:00 UTC`);
    const args = ['meet', 'request', '--title', 'Plan', '--agenda', threadId, '--invite', bob.email];
    const made = await asOwner([...args, '--at', start.toISOString(), '--duration', '30', '--json']);
    expect(made.code, made.stderr).toBe(exitCodes.ok);
    const meeting = JSON.parse(made.stdout);
    meetingId = meeting.id;
    expect(meeting).toMatchObject({
      title: 'Plan',
      isOutsideSyncWindow: false,
      startsAt: start.toISOString(),
    });
  });

  it('lets the invitee list and answer the meeting', async () => {
    const list = await asBob(['meet', 'list']);
    expect(list.stdout).toContain('Plan');
    const answer = await asBob(['meet', 'respond', meetingId, 'yes']);
    expect(answer.code, answer.stderr).toBe(exitCodes.ok);
    expect(answer.stdout).toContain('Bob: yes');
    expect((await asBob(['meet', 'respond', meetingId, 'perhaps'])).code).toBe(exitCodes.usage);
  });

  it('lists candidate windows with weekly patterns', async () => {
    const text = await asOwner(['sync-windows']);
    expect(text.code, text.stderr).toBe(exitCodes.ok);
    expect(text.stdout).toContain('Candidate sync windows for 2 people');
    const json = JSON.parse((await asOwner(['sync-windows', '--duration', '30', '--json'])).stdout);
    expect(json.durationMinutes).toBe(30);
    expect(json.windows[0].included).toBe(2);
  });
});
