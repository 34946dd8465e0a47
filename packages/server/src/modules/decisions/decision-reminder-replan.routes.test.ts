// A decision's 75% reminder follows its participant's new working time when they change their hours or
// take time off before it is sent, while the decision's close stays where it was fixed at opening. Driven by
// the injected clock and the app's scheduler, on both databases. Instants computed by hand:
// opened Monday 4 January 2027 08:00Z (09:00 Berlin, CET = UTC+1; 03:00 New York, EST = UTC−5), a window
// of 16 working hours, everyone 09:00–17:00 Monday to Friday, so 75% is 12 working hours.
//   Ana (Berlin): Mon 8 h + Tue 4 h → reminder Tue 13:00 CET = 12:00Z; window ends Tue 17:00 CET = 16:00Z.
//   Ben (New York): Mon 8 h + Tue 4 h → reminder Tue 13:00 EST = 18:00Z; window ends Tue 22:00Z = the close.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import { RhythmService } from '../rhythms/index.js';
import { DecisionReminderReplanner } from './decision-reminder-replan.js';

const utc = (iso: string) => Date.parse(iso);
const workdays = (hours: string[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});

describeEachDialect('decision reminders after a rhythm change', (ctx) => {
  const openedAt = utc('2027-01-04T08:00:00Z');
  const clock = createTestClock({ start: openedAt, isTicking: false });
  let app: FastifyInstance;
  let scheduler: Scheduler;
  let owner: TestPerson, ana: TestPerson, ben: TestPerson;
  let threadId: string;

  const call = (who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  async function setHours(who: TestPerson, timeZone: string, hours: string[]) {
    const response = await call(who, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week: workdays(hours) },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  async function open(requiredIds: string[], closesAt?: string) {
    const response = await call(owner, 'POST', `/api/v1/threads/${threadId}/decisions`, {
      question: 'Move the launch?',
      mode: 'consent',
      requiredIds,
      windowHours: 16,
      ...(closesAt ? { closesAt } : {}),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; closesAt: { at: string } }>();
  }
  const remindAt = async (decisionId: string, personId: string) => {
    const row = await ctx
      .database()
      .db.selectFrom('decisionParticipants')
      .select(['remindAt', 'remindedAt'])
      .where('decisionId', '=', decisionId)
      .where('personId', '=', personId)
      .executeTakeFirstOrThrow();
    return row.remindAt === null ? null : new Date(Number(row.remindAt)).toISOString();
  };
  const decision = (id: string) =>
    ctx.database().db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const pendingReminder = async (decisionId: string, personId: string) => {
    const rows = await ctx
      .database()
      .db.selectFrom('scheduledJobs')
      .select('dueAt')
      .where('kind', '=', 'decision.remind')
      .where('subjectId', '=', `${decisionId}:${personId}`)
      .where('state', '=', 'pending')
      .execute();
    return rows.map((r) => new Date(Number(r.dueAt)).toISOString());
  };
  const reminders = async (who: TestPerson) =>
    ctx
      .database()
      .db.selectFrom('deliveries')
      .select(['postId', 'state', 'releaseAt'])
      .where('personId', '=', who.id)
      .where('kind', '=', 'reminder')
      .execute();
  /** Runs every job due up to `until`, moving the clock to each due time in turn. */
  async function runUntil(until: number) {
    for (;;) {
      const next = await ctx
        .database()
        .db.selectFrom('scheduledJobs')
        .select('dueAt')
        .where('state', '=', 'pending')
        .where('dueAt', '<=', until)
        .orderBy('dueAt')
        .limit(1)
        .executeTakeFirst();
      if (!next) break;
      clock.set(Math.max(clock.now(), Number(next.dueAt)));
      await scheduler.runDue();
    }
    clock.set(until);
  }

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    const team = await createTeam(ctx.database().db);
    owner = team.owner;
    ana = await createPerson(ctx.database().db, team.workspaceId, 'member');
    ben = await createPerson(ctx.database().db, team.workspaceId, 'member');
    await setHours(owner, 'Europe/Berlin', ['09:00-17:00']);
    await setHours(ana, 'Europe/Berlin', ['09:00-17:00']);
    await setHours(ben, 'America/New_York', ['09:00-17:00']);
    const channel = await call(owner, 'POST', '/api/v1/channels', { name: 'launch', visibility: 'public' });
    const started = await call(owner, 'POST', `/api/v1/channels/${channel.json().id}/threads`, {
      title: 'Launch date',
      markdown: 'Let us decide.',
    });
    expect(started.statusCode, started.body).toBe(201);
    threadId = started.json().thread.id;
  });
  afterAll(() => app?.close());

  it('moves reminders not yet sent to the new working time, never the close, and never a sent one', async () => {
    clock.set(openedAt);
    const first = await open([ana.id, ben.id]);
    // The same question for Ben alone, with an explicit later deadline: Friday 8 January 22:00Z.
    const second = await open([ben.id], '2027-01-08T22:00:00Z');
    expect(first.closesAt.at).toBe('2027-01-05T22:00:00.000Z');
    expect(await remindAt(first.id, ana.id)).toBe('2027-01-05T12:00:00.000Z');
    expect(await remindAt(first.id, ben.id)).toBe('2027-01-05T18:00:00.000Z');
    expect(await remindAt(second.id, ben.id)).toBe('2027-01-05T18:00:00.000Z');

    // Monday 12:00Z: Ana starts at 07:00 from now on. As if since the opening: Mon 09–17 (8 h), then Tue
    // 07:00 + 4 h → 11:00 CET = 10:00Z. The close does not move.
    clock.set(utc('2027-01-04T12:00:00Z'));
    await setHours(ana, 'Europe/Berlin', ['07:00-17:00']);
    await vi.waitFor(async () => expect(await remindAt(first.id, ana.id)).toBe('2027-01-05T10:00:00.000Z'));
    expect(await pendingReminder(first.id, ana.id)).toEqual(['2027-01-05T10:00:00.000Z']);
    expect(await remindAt(first.id, ben.id)).toBe('2027-01-05T18:00:00.000Z');
    const fixed = await decision(first.id);
    expect([Number(fixed.closesAt), Number(fixed.fairClosesAt)]).toEqual([
      utc('2027-01-05T22:00:00Z'),
      utc('2027-01-05T22:00:00Z'),
    ]);

    // Monday 20:00Z: Ben takes Tuesday off. Mon 8 h, Tue paused, Wed 09:00 + 4 h → 13:00 EST = Wed 18:00Z,
    // in both decisions; neither close moves.
    clock.set(utc('2027-01-04T20:00:00Z'));
    const off = await call(ben, 'POST', '/api/v1/me/time-off', { from: '2027-01-05', to: '2027-01-05' });
    expect(off.statusCode, off.body).toBe(201);
    await vi.waitFor(async () => {
      expect(await remindAt(first.id, ben.id)).toBe('2027-01-06T18:00:00.000Z');
      expect(await remindAt(second.id, ben.id)).toBe('2027-01-06T18:00:00.000Z');
    });
    expect(await pendingReminder(second.id, ben.id)).toEqual(['2027-01-06T18:00:00.000Z']);
    expect(Number((await decision(first.id)).closesAt)).toBe(utc('2027-01-05T22:00:00Z'));
    expect(Number((await decision(second.id)).closesAt)).toBe(utc('2027-01-08T22:00:00Z'));

    // Ana is reminded at the moved instant, not before and not at the old one.
    await runUntil(utc('2027-01-05T09:59:59Z'));
    expect(await reminders(ana)).toEqual([]);
    await runUntil(utc('2027-01-05T10:00:00Z'));
    const [anas] = await reminders(ana);
    expect(anas).toMatchObject({ postId: (await decision(first.id)).postId, state: 'delivered' });

    // A reminder already sent stays sent: a later change moves nothing and makes no second one.
    clock.set(utc('2027-01-05T11:00:00Z'));
    const replanner = new DecisionReminderReplanner(
      ctx.database().db,
      clock,
      new RhythmService(ctx.database().db),
      scheduler,
    );
    await setHours(ana, 'Europe/Berlin', ['09:00-17:00']);
    expect(await replanner.replan(ana.id)).toEqual([]);
    expect(await remindAt(first.id, ana.id)).toBe('2027-01-05T10:00:00.000Z');

    // The first decision closes at its fixed time, before Ben's moved reminder: he is reminded of the
    // second one only, on Wednesday 18:00Z (13:00 in New York, in his slot).
    await runUntil(utc('2027-01-06T17:59:59Z'));
    expect((await decision(first.id)).state).toBe('closed');
    expect(Number((await decision(first.id)).closedAt)).toBe(utc('2027-01-05T22:00:00Z'));
    expect(await reminders(ben)).toEqual([]);
    await runUntil(utc('2027-01-06T18:00:00Z'));
    expect((await reminders(ben)).map((r) => [r.postId, r.state])).toEqual([
      [(await decision(second.id)).postId, 'delivered'],
    ]);
    expect((await reminders(ana)).length).toBe(1);
  });
});
