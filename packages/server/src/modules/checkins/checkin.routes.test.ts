// Check-ins on both databases, driven by an injected clock and the app's own scheduler: each participant is
// asked at 16:30 in their own zone across the daylight-saving changes of New York (2027-03-14) and Berlin
// (2027-03-28), on the chosen weekdays only, skipped on time off and on days without working hours, each
// exactly once even when the ask job runs twice; answers are gathered into the thread when a round closes.
// Every instant below is computed by hand from the zones' offsets.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { routeCalls, runJobsUntil } from '../../../test/route-calls.js';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import { RhythmService } from '../rhythms/index.js';
import { CheckinService, askJobKind } from './checkin.service.js';

const utc = (iso: string) => Date.parse(iso);

describeEachDialect('check-ins', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  // Thursday 11 March 2027.
  const clock = createTestClock({ start: utc('2027-03-11T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let ana: TestPerson;
  let ben: TestPerson;
  let threadId: string;
  let checkinId: string;

  const { call, ok, personWorkingIn, threadInNewChannel } = routeCalls(() => app);
  const person = (timeZone: string) => personWorkingIn(ctx.database().db, team.workspaceId, timeZone);
  const asks = () =>
    ctx
      .database()
      .db.selectFrom('checkinAsks')
      .select(['personId', 'localDate', 'askedAt', 'state'])
      .where('checkinId', '=', checkinId)
      .orderBy('askedAt')
      .execute();
  /** Runs every job due up to `until`, moving the clock to each due time in turn. */
  const runUntil = (until: number) => runJobsUntil(ctx.database().db, clock, scheduler, until);

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(ctx.database().db);
    ana = await person('Europe/Berlin');
    ben = await person('America/New_York');
    await ok(ben, 'POST', '/api/v1/me/time-off', { from: '2027-03-19', to: '2027-03-19', note: 'Away' }, 201);
    ({ threadId } = await threadInNewChannel(team.owner, 'standup', {
      title: 'Daily check-in',
      markdown: 'Answers land here.',
    }));
    checkinId = (
      await ok<{ id: string }>(
        team.owner,
        'POST',
        '/api/v1/checkins',
        {
          threadId,
          questions: [{ text: 'What did you finish?' }, { text: 'What is in your way?', isBlocker: true }],
          weekdays: ['mon', 'fri', 'sun'],
          localTime: '16:30',
          participantIds: [ana.id, ben.id],
        },
        201,
      )
    ).id;
  });
  afterAll(() => app.close());

  it('asks each participant at 16:30 of their own day across DST, skipping time off and days without hours', async () => {
    await runUntil(utc('2027-03-30T12:00:00Z'));
    const at = (iso: string) => utc(iso);
    expect(
      (await asks()).filter((a) => a.personId === ana.id).map((a) => [a.localDate, Number(a.askedAt)]),
    ).toEqual([
      ['2027-03-12', at('2027-03-12T15:30:00Z')], // CET, UTC+1
      ['2027-03-15', at('2027-03-15T15:30:00Z')],
      ['2027-03-19', at('2027-03-19T15:30:00Z')],
      ['2027-03-22', at('2027-03-22T15:30:00Z')],
      ['2027-03-26', at('2027-03-26T15:30:00Z')],
      ['2027-03-29', at('2027-03-29T14:30:00Z')], // CEST from Sunday 28 March, UTC+2
    ]);
    expect(
      (await asks()).filter((a) => a.personId === ben.id).map((a) => [a.localDate, Number(a.askedAt)]),
    ).toEqual([
      ['2027-03-12', at('2027-03-12T21:30:00Z')], // EST, UTC−5
      ['2027-03-15', at('2027-03-15T20:30:00Z')], // EDT from Sunday 14 March, UTC−4
      // Friday 19 March is Ben's time off; Sundays have no working hours: nobody is asked.
      ['2027-03-22', at('2027-03-22T20:30:00Z')],
      ['2027-03-26', at('2027-03-26T20:30:00Z')],
      ['2027-03-29', at('2027-03-29T20:30:00Z')],
    ]);
    // 16:30 is inside both rhythms: each ask reached its person at once, as an event for them alone.
    expect((await asks()).every((a) => a.state !== 'held')).toBe(true);
    const events = await call(ana, 'GET', '/api/v1/events?follow=false&lastEventId=0');
    expect(events.body.split('checkin.asked').length - 1).toBe(6);
  });

  it('asks exactly once per local date even when the ask job runs twice', async () => {
    const db = ctx.database().db;
    const service = new CheckinService(
      db,
      clock,
      new RhythmService(db),
      scheduler,
      { publish: async () => {} },
      {
        replyIn: () => Promise.reject(new Error('not used')),
      },
    );
    const before = (await asks()).length;
    // Friday 2 April, 16:30 CEST: the job that is pending now, run twice by hand.
    const job = { subjectId: `${checkinId}:${ana.id}`, dueAt: utc('2027-04-02T14:30:00Z') };
    for (let run = 0; run < 2; run++)
      await db.transaction().execute((tx) => service.ask(tx, job, utc('2027-04-02T14:30:00Z')));
    expect((await asks()).length).toBe(before + 1);
    expect((await asks()).filter((a) => a.localDate === '2027-04-02').map((a) => a.personId)).toEqual([
      ana.id,
    ]);
    const pending = await db
      .selectFrom('scheduledJobs')
      .select(['dueAt'])
      .where('kind', '=', askJobKind)
      .where('subjectId', '=', job.subjectId)
      .where('state', '=', 'pending')
      .execute();
    // One next ask, on Sunday 4 April at 16:30 CEST (where it will find no working hours).
    expect(pending.map((p) => Number(p.dueAt))).toEqual([utc('2027-04-04T14:30:00Z')]);
  });

  it('gathers a round’s answers into the thread when it closes, blockers first, with team figures only', async () => {
    clock.set(utc('2027-04-02T12:00:00Z'));
    await runUntil(utc('2027-04-02T22:00:00Z')); // Friday 2 April: both asked
    const mine = await ok<{ items: { date: string; checkinId: string }[] }>(
      ana,
      'GET',
      '/api/v1/me/checkin-asks',
    );
    expect(mine.items.map((i) => i.date)).toContain('2027-04-02');
    await ok(ana, 'POST', `/api/v1/checkins/${checkinId}/answers`, {
      answers: ['Shipped the importer', 'Waiting for the staging database'],
    });
    expect(
      (await call(team.admin, 'POST', `/api/v1/checkins/${checkinId}/answers`, { answers: ['a', 'b'] }))
        .statusCode,
    ).toBe(403);
    const wrongCount = await call(ben, 'POST', `/api/v1/checkins/${checkinId}/answers`, {
      answers: ['only one'],
    });
    expect(wrongCount.statusCode).toBe(400);
    // The round closes when New York reaches 16:30 on Saturday 3 April (20:30Z), the later of the two zones.
    await runUntil(utc('2027-04-03T20:29:59Z'));
    expect(
      (await ok<{ rounds: { date: string }[] }>(ana, 'GET', `/api/v1/checkins/${checkinId}`)).rounds.map(
        (r) => r.date,
      ),
    ).not.toContain('2027-04-02');
    await runUntil(utc('2027-04-03T20:30:00Z'));
    const view = await ok<{ rounds: { date: string; summary: string }[] }>(
      team.admin,
      'GET',
      `/api/v1/checkins/${checkinId}`,
    );
    const round = view.rounds.find((r) => r.date === '2027-04-02')!;
    expect(round.summary).toBe('1 of 2 answered');
    expect(JSON.stringify(view)).not.toContain(ben.id);
    const posts = await ok<{ items: { markdown: string }[] }>(
      team.admin,
      'GET',
      `/api/v1/threads/${threadId}/posts?limit=200`,
    );
    const summary = posts.items.map((p) => p.markdown).find((m) => m.includes('2027-04-02'))!;
    expect(summary).toContain('1 of 2 answered');
    expect(summary.indexOf('Blockers')).toBeLessThan(summary.indexOf('Waiting for the staging database'));
    expect(summary).toContain('**Waiting for the staging database**');
    expect(summary).toContain('- Shipped the importer');
    expect(summary).not.toContain(ana.id);
    const late = await call(ben, 'POST', `/api/v1/checkins/${checkinId}/answers`, {
      answers: ['x', 'y'],
      date: '2027-04-02',
    });
    expect(late.json()).toMatchObject({ code: 'checkin_round_closed' });
  });
});
