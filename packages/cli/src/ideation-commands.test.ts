import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMeanwhileClient } from '@meanwhile/api-client';
import type { MeanwhileClient } from '@meanwhile/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { exitCodes } from './exit-codes.js';

const always = ['00:00-24:00'];
// Monday 4 January 2027, 10:00 UTC (the test server's clock ticks on from there).
const start = Date.UTC(2027, 0, 4, 10);

describe('meanwhile ideas and checkin', () => {
  let server: TestServer;
  let dir: string;
  let client: MeanwhileClient;
  let token: string;
  let ownerId: string;
  let channelId: string;
  let threadId: string;
  const run = (args: string[], stdin?: string) =>
    runMeanwhile(args, { configDir: dir, ...(stdin === undefined ? {} : { stdin }) });
  const setClock = (body: { now?: number; advanceMs?: number }) =>
    fetch(`${server.url}/api/v1/test/clock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer();
    dir = join(server.folder, 'owner');
    const login = await runMeanwhile(['login', server.url, '--email', owner.email, '--password-stdin'], {
      configDir: dir,
      stdin: `${owner.password}\n`,
    });
    expect(login.code, login.stderr).toBe(exitCodes.ok);
    token = (JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { token: string }).token;
    client = createMeanwhileClient({ baseUrl: server.url, token });
    expect((await setClock({ now: start })).status).toBe(200);
    ownerId = (await client.GET('/api/v1/me')).data!.person.id;
    const week = {
      mon: always,
      tue: always,
      wed: always,
      thu: always,
      fri: always,
      sat: always,
      sun: always,
    };
    await client.PUT('/api/v1/me/rhythm', {
      body: {
        rhythm: { timeZone: 'UTC', week },
        focus: {},
        delivery: { mode: 'as-they-come', batchTimes: [] },
      },
    });
    channelId = (await client.POST('/api/v1/channels', { body: { name: 'ideas', visibility: 'public' } }))
      .data!.id;
    threadId = (
      await client.POST('/api/v1/channels/{id}/threads', {
        params: { path: { id: channelId } },
        body: { title: 'Stand-up', markdown: 'Answers land here.' },
      })
    ).data!.thread.id;
  });
  afterAll(() => server?.close());

  it('adds an idea blind, refuses dots before the reveal, and dots after it', async () => {
    const round = await client.POST('/api/v1/ideation-rounds', {
      body: { channelId, prompt: 'Faster onboarding?', participantIds: [ownerId], windowHours: 1 },
    });
    expect(round.response.status).toBe(201);
    const roundId = round.data!.id;
    const added = await run(['ideas', 'add', roundId, '-', '--json'], 'Pair newcomers with a buddy\n');
    expect(added.code, added.stderr).toBe(exitCodes.ok);
    const ideaId = (JSON.parse(added.stdout) as { id: string }).id;
    const shown = await run(['ideas', roundId]);
    expect(shown.stdout).toContain('Collecting: ideas stay hidden until the reveal at 2027-01-04T11:00');
    expect(shown.stdout).toContain('Pair newcomers with a buddy (yours)');
    const early = await run(['ideas', 'dot', ideaId]);
    expect(early.code).toBe(exitCodes.apiError);
    expect(early.stderr).toContain('ideation_phase');
    // The test server's clock ticks on from where it is set: well past the reveal.
    await setClock({ now: start + 2 * 3_600_000 });
    const dotted = await run(['ideas', 'dot', ideaId]);
    expect(dotted.code, dotted.stderr).toBe(exitCodes.ok);
    expect(dotted.stdout).toContain('[1 dot, 1 yours] Pair newcomers with a buddy (yours)');
    const revealed = await run(['ideas', roundId]);
    expect(revealed.stdout).toContain('dot-voting, 2 of 3 dots left for you');
    expect((await run(['ideas', 'undot', ideaId])).stdout).toContain('[0 dots] Pair newcomers');
    expect((await run(['ideas', 'dot', ideaId, 'two'])).code).toBe(exitCodes.usage);
  });

  it('answers a check-in question once it is asked', async () => {
    const opened = await client.POST('/api/v1/checkins', {
      body: {
        threadId,
        questions: [{ text: 'What did you finish?' }, { text: 'What is in your way?', isBlocker: true }],
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        localTime: '16:30',
        participantIds: [ownerId],
      },
    });
    expect(opened.response.status, JSON.stringify(opened.error)).toBe(201);
    const checkinId = opened.data!.id;
    const before = await run(['checkin', 'answer', checkinId, '--answer', 'x', '--answer', 'y']);
    expect(before.code).toBe(exitCodes.apiError);
    expect(before.stderr).toContain('checkin_not_asked');
    await setClock({ now: Date.UTC(2027, 0, 4, 16, 30) });
    // The server's own scheduler asks at 16:30; wait until it has.
    for (let i = 0; i < 100 && (await client.GET('/api/v1/me/checkin-asks')).data!.items.length === 0; i++)
      await sleep(50);
    const asks = await run(['checkin', 'asks']);
    expect(asks.stdout).toContain('Stand-up (2027-01-04, asked)');
    const answered = await run([
      'checkin',
      'answer',
      checkinId,
      '--answer',
      'The importer',
      '--answer',
      'Nothing',
    ]);
    expect(answered.code, answered.stderr).toBe(exitCodes.ok);
    expect(answered.stdout).toBe('Answered Stand-up for 2027-01-04.');
    expect((await run(['checkin', 'answer', checkinId])).code).toBe(exitCodes.usage);
  });
});
