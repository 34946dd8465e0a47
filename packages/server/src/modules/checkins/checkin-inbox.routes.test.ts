// A check-in's question as an inbox item, on both databases, driven by an injected clock and the app's own
// scheduler: asked at 07:30 local (before work), it is held until the person's first slot at 09:00 local,
// released there by the batched `delivery.release` job like any delivery (never an interrupt), shown in
// `GET /api/v1/inbox` with its questions, done when answered, and done for those who did not answer when
// the round closes; a change of the person's hours moves the held question with their other deliveries.
// Instants are computed by hand: Tuesday 9 March 2027, Berlin CET (UTC+1), New York EST
// (UTC−5; its DST starts on 14 March).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { routeCalls, runJobsUntil } from '../../../test/route-calls.js';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';

const utc = (iso: string) => Date.parse(iso);

interface InboxItem {
  id: string;
  kind: string;
  threadId: string;
  postId: string;
  interrupt: unknown;
  ask: unknown;
  checkin: {
    checkinId: string;
    askId: string;
    title: string;
    date: string;
    questions: string[];
    answered: boolean;
  } | null;
}

describeEachDialect('check-in questions in the inbox', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  // Monday 8 March 2027.
  const clock = createTestClock({ start: utc('2027-03-08T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let ana: TestPerson;
  let ben: TestPerson;
  let threadId: string;
  let firstPostId: string;
  let checkinId: string;

  const { ok, setWeekdayHours, personWorkingIn, threadInNewChannel } = routeCalls(() => app);
  const person = (timeZone: string) => personWorkingIn(ctx.database().db, team.workspaceId, timeZone);
  const inbox = async (who: TestPerson) =>
    (await ok<{ items: InboxItem[] }>(who, 'GET', '/api/v1/inbox?limit=100')).items;
  const checkinDeliveries = (personId: string) =>
    ctx
      .database()
      .db.selectFrom('deliveries')
      .selectAll()
      .where('kind', '=', 'checkin')
      .where('personId', '=', personId)
      .orderBy('createdAt')
      .execute();
  const pendingJobs = (kind: string) =>
    ctx
      .database()
      .db.selectFrom('scheduledJobs')
      .select(['subjectId', 'dueAt'])
      .where('kind', '=', kind)
      .where('state', '=', 'pending')
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
    ({ threadId, firstPostId } = await threadInNewChannel(team.owner, 'standup', {
      title: 'Morning check-in',
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
          weekdays: ['tue'],
          localTime: '07:30',
          participantIds: [ana.id, ben.id],
        },
        201,
      )
    ).id;
  });
  afterAll(() => app.close());

  it('holds the question until the first slot, then lists it in the inbox with its questions', async () => {
    // Tuesday 07:30 CET = 06:30Z: Ana is asked, before her working hours.
    await runUntil(utc('2027-03-09T06:30:00Z'));
    const [held] = await checkinDeliveries(ana.id);
    expect(held).toMatchObject({ state: 'held', threadId, postId: firstPostId, interruptReason: null });
    // 09:00 CET = 08:00Z, released by the release job of Ana and that time, as every delivery is.
    expect(Number(held!.releaseAt)).toBe(utc('2027-03-09T08:00:00Z'));
    expect((await pendingJobs('delivery.release')).map((j) => [j.subjectId, Number(j.dueAt)])).toContainEqual(
      [`${team.workspaceId}:${ana.id}:${utc('2027-03-09T08:00:00Z')}`, utc('2027-03-09T08:00:00Z')],
    );
    expect((await inbox(ana)).filter((i) => i.kind === 'checkin')).toEqual([]);
    expect((await ok<{ items: unknown[] }>(ana, 'GET', '/api/v1/me/checkin-asks')).items).toEqual([]);

    await runUntil(utc('2027-03-09T07:59:59Z'));
    expect((await inbox(ana)).filter((i) => i.kind === 'checkin')).toEqual([]);
    await runUntil(utc('2027-03-09T08:00:00Z'));
    const items = (await inbox(ana)).filter((i) => i.kind === 'checkin');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      threadId,
      interrupt: null,
      ask: null,
      checkin: {
        checkinId,
        title: 'Morning check-in',
        date: '2027-03-09',
        questions: ['What did you finish?', 'What is in your way?'],
        answered: false,
      },
    });
    const [delivered] = await checkinDeliveries(ana.id);
    expect(delivered).toMatchObject({ state: 'delivered', deliveredAt: utc('2027-03-09T08:00:00Z') });
    // The ask is listed for answering from the same moment.
    const mine = await ok<{ items: { date: string }[] }>(ana, 'GET', '/api/v1/me/checkin-asks');
    expect(mine.items.map((i) => i.date)).toEqual(['2027-03-09']);
    // Ben, in New York, is not asked before 07:30 EST (12:30Z) and sees nothing yet.
    expect(await checkinDeliveries(ben.id)).toEqual([]);
  });

  it('is done when answered, and done for those who did not answer when the round closes', async () => {
    await ok(ana, 'POST', `/api/v1/checkins/${checkinId}/answers`, {
      answers: ['Shipped the importer', 'Nothing'],
    });
    expect((await inbox(ana)).filter((i) => i.kind === 'checkin')).toEqual([]);
    expect((await checkinDeliveries(ana.id)).map((d) => d.state)).toEqual(['done']);

    // Ben: asked 07:30 EST = 12:30Z, held for 09:00 EST = 14:00Z.
    await runUntil(utc('2027-03-09T13:00:00Z'));
    expect((await checkinDeliveries(ben.id)).map((d) => [d.state, Number(d.releaseAt)])).toEqual([
      ['held', utc('2027-03-09T14:00:00Z')],
    ]);
    // At 13:00Z he moves his start to 10:00: the question moves with his other held deliveries, to
    // 10:00 EST = 15:00Z, and the ask is listed for answering only from then.
    await setWeekdayHours(ben, 'America/New_York', ['10:00-17:00']);
    await vi.waitFor(async () =>
      expect((await checkinDeliveries(ben.id)).map((d) => Number(d.releaseAt))).toEqual([
        utc('2027-03-09T15:00:00Z'),
      ]),
    );
    await runUntil(utc('2027-03-09T14:59:59Z'));
    expect((await inbox(ben)).filter((i) => i.kind === 'checkin')).toEqual([]);
    expect((await ok<{ items: unknown[] }>(ben, 'GET', '/api/v1/me/checkin-asks')).items).toEqual([]);
    await runUntil(utc('2027-03-09T15:00:00Z'));
    expect((await ok<{ items: unknown[] }>(ben, 'GET', '/api/v1/me/checkin-asks')).items).toHaveLength(1);
    const [bens] = (await inbox(ben)).filter((i) => i.kind === 'checkin');
    expect(bens?.checkin).toMatchObject({ checkinId, date: '2027-03-09', answered: false });
    // The round closes at the later 07:30 of the next day: New York's, Wednesday 12:30Z.
    await runUntil(utc('2027-03-10T12:29:59Z'));
    expect((await checkinDeliveries(ben.id)).map((d) => d.state)).toEqual(['delivered']);
    await runUntil(utc('2027-03-10T12:30:00Z'));
    expect((await checkinDeliveries(ben.id)).map((d) => d.state)).toEqual(['done']);
    expect((await inbox(ben)).filter((i) => i.kind === 'checkin')).toEqual([]);
  });

  it('makes one check-in delivery per round and person although rounds share the thread', async () => {
    // Tuesday 16 March: the second round, in the same thread (same first post).
    await runUntil(utc('2027-03-16T08:00:00Z'));
    const anas = await checkinDeliveries(ana.id);
    expect(anas.map((d) => [d.postId, d.state])).toEqual([
      [firstPostId, 'done'],
      [firstPostId, 'delivered'],
    ]);
    expect(new Set(anas.map((d) => d.subjectId)).size).toBe(2);
  });
});
