// Decisions through the API on both databases, with the injected clock driving the scheduler: a consent
// decision across Berlin, New York and Tokyo with one person on time off (close and reminders computed by
// hand below), a vote with hidden votes, a tie and the early-close rule, and the log with its exports.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';

const hourMs = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const nineToFive = ['09:00-17:00'];
const week = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive };

describeEachDialect('decisions', (ctx) => {
  // Monday 4 January 2027, 08:00 UTC: 09:00 in Berlin, 03:00 in New York, 17:00 (day over) in Tokyo.
  const openedAt = utc('2027-01-04T08:00:00Z');
  const clock = createTestClock({ start: openedAt, isTicking: false });
  let app: FastifyInstance;
  let scheduler: Scheduler;
  let ana: TestPerson, ben: TestPerson, chie: TestPerson, admin: TestPerson;
  let threadId: string;

  const call = (p: TestPerson, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: p.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    const db = ctx.database().db;
    const workspaceId = await createWorkspace(db);
    admin = await createPerson(db, workspaceId, 'admin');
    ana = await createPerson(db, workspaceId, 'member');
    ben = await createPerson(db, workspaceId, 'member');
    chie = await createPerson(db, workspaceId, 'member');
    for (const [p, zone] of [
      [ana, 'Europe/Berlin'],
      [ben, 'America/New_York'],
      [chie, 'Asia/Tokyo'],
      [admin, 'Europe/Berlin'],
    ] as const) {
      const r = await call(p, 'PUT', '/api/v1/me/rhythm', {
        rhythm: { timeZone: zone, week },
        focus: {},
        delivery: { mode: 'as-they-come', batchTimes: [] },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    // Ben is off on Tuesday: his clock pauses for the day.
    expect(
      (await call(ben, 'POST', '/api/v1/me/time-off', { from: '2027-01-05', to: '2027-01-05' })).statusCode,
    ).toBe(201);
    const channel = await call(ana, 'POST', '/api/v1/channels', { name: 'team', visibility: 'public' });
    const started = await call(ana, 'POST', `/api/v1/channels/${channel.json().id}/threads`, {
      title: 'Release plan',
      markdown: 'Let us decide.',
    });
    expect(started.statusCode, started.body).toBe(201);
    threadId = started.json().thread.id;
  });
  afterAll(() => app?.close());

  it('closes a consent decision when everyone had 16 of their own working hours, reminding only the undecided', async () => {
    clock.set(openedAt);
    const tooEarly = await call(ana, 'POST', `/api/v1/threads/${threadId}/decisions`, {
      question: 'Ship on Friday?',
      mode: 'consent',
      requiredIds: [ana.id, ben.id, chie.id],
      closesAt: '2027-01-06T21:00:00Z',
    });
    expect(tooEarly.statusCode, tooEarly.body).toBe(422);
    expect(tooEarly.json()).toMatchObject({
      code: 'decision_deadline_too_early',
      errors: [{ path: 'body.closesAt', message: 'earliest allowed: 2027-01-06T22:00:00.000Z' }],
    });
    const opened = await call(ana, 'POST', `/api/v1/threads/${threadId}/decisions`, {
      question: 'Ship on Friday?',
      mode: 'consent',
      requiredIds: [ana.id, ben.id, chie.id],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const d = opened.json();
    // Ana (Berlin): Mon 8 h + Tue 8 h → Tue 17:00 Berlin. Ben (New York): Mon 8 h, Tue off, Wed 8 h → Wed
    // 17:00 New York. Chie (Tokyo): Monday is over, Tue 8 h + Wed 8 h → Wed 17:00 Tokyo. Ben's is last.
    const ends = Object.fromEntries(
      d.participants.map((p: { personId: string; windowEndsAt: { at: string } }) => [
        p.personId,
        p.windowEndsAt.at,
      ]),
    );
    expect(ends).toEqual({
      [ana.id]: '2027-01-05T16:00:00.000Z',
      [ben.id]: '2027-01-06T22:00:00.000Z',
      [chie.id]: '2027-01-06T08:00:00.000Z',
    });
    expect(d.closesAt.at).toBe('2027-01-06T22:00:00.000Z');
    expect(d.closesAt.mine).toMatchObject({ date: '2027-01-06', time: '23:00', timeZone: 'Europe/Berlin' });
    expect(d.closesAt.theirs).toMatchObject({ time: '17:00', timeZone: 'America/New_York' });
    expect(d.closeSetBy).toBe(ben.id);
    expect(d.closeReason).toContain('so that everyone gets 16 of their working hours');
    expect(d.closeReason).toContain('America/New_York');

    expect(
      (await call(ana, 'PUT', `/api/v1/decisions/${d.id}/response`, { kind: 'consent' })).statusCode,
    ).toBe(200);
    const noReason = await call(ben, 'PUT', `/api/v1/decisions/${d.id}/response`, { kind: 'block' });
    expect(noReason.statusCode).toBe(400);
    const blocked = await call(ben, 'PUT', `/api/v1/decisions/${d.id}/response`, {
      kind: 'block',
      reason: 'QA is not done',
    });
    expect(
      blocked.json().participants.find((p: { personId: string }) => p.personId === ben.id).response,
    ).toMatchObject({ kind: 'block', reason: 'QA is not done' });
    const early = await call(ana, 'POST', `/api/v1/decisions/${d.id}/close`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('decision_responses_missing');
    expect((await call(ben, 'POST', `/api/v1/decisions/${d.id}/withdraw-block`)).json().myResponse.kind).toBe(
      'consent',
    );
    expect(
      (await call(admin, 'PUT', `/api/v1/decisions/${d.id}/response`, { kind: 'consent' })).statusCode,
    ).toBe(403);

    // Step the clock hour by hour; the scheduler runs what is due at each step.
    const reminders = new Map<string, number>();
    let closedAt: number | null = null;
    for (let t = openedAt + hourMs; t <= utc('2027-01-07T08:00:00Z'); t += hourMs) {
      clock.set(t);
      await scheduler.runDue();
      for (const p of [ana, ben, chie]) {
        const inbox = (await call(p, 'GET', '/api/v1/inbox?limit=200')).json().items as {
          kind: string;
          postId: string;
        }[];
        const count = inbox.filter((i) => i.kind === 'reminder' && i.postId === d.postId).length;
        if (count > 0 && !reminders.has(p.id)) reminders.set(p.id, t);
        expect(count).toBeLessThanOrEqual(1);
      }
      const state = (await call(ana, 'GET', `/api/v1/decisions/${d.id}`)).json();
      if (closedAt === null && state.state === 'closed') closedAt = t;
    }
    // Only Chie had not responded: at 75% of her window (Tue 8 h + Wed 4 h → Wed 13:00 Tokyo).
    expect([...reminders]).toEqual([[chie.id, utc('2027-01-06T04:00:00Z')]]);
    expect(closedAt).toBe(utc('2027-01-06T22:00:00Z'));
    const closed = (await call(chie, 'GET', `/api/v1/decisions/${d.id}`)).json();
    expect(closed).toMatchObject({ state: 'closed', outcome: { result: 'adopted' }, closedEarly: false });
    const posts = (await call(ana, 'GET', `/api/v1/threads/${threadId}/posts?limit=200`)).json().items as {
      id: string;
      markdown: string;
    }[];
    expect(posts.find((p) => p.id === closed.outcomePostId)?.markdown).toContain('Outcome: adopted');
    const late = await call(chie, 'PUT', `/api/v1/decisions/${d.id}/response`, { kind: 'consent' });
    expect(late.json().code).toBe('decision_closed');
  });

  it('hides votes until the close from everyone, admins included; a tie waits for the decider', async () => {
    const opened = await call(admin, 'POST', `/api/v1/threads/${threadId}/decisions`, {
      question: 'Which launch name?',
      mode: 'vote',
      options: ['Aurora', 'Borealis'],
      requiredIds: [ben.id, chie.id],
      windowHours: 4,
      hideVotesUntilClose: true,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    expect(
      (await call(ben, 'PUT', `/api/v1/decisions/${id}/response`, { kind: 'vote', option: 0 })).statusCode,
    ).toBe(200);
    const early = await call(admin, 'POST', `/api/v1/decisions/${id}/close`);
    expect(early.json().code).toBe('decision_responses_missing');
    expect(
      (await call(chie, 'PUT', `/api/v1/decisions/${id}/response`, { kind: 'vote', option: 0 })).statusCode,
    ).toBe(200);
    // Chie changes her mind: one vote per person, the latest counts.
    expect(
      (await call(chie, 'PUT', `/api/v1/decisions/${id}/response`, { kind: 'vote', option: 1 })).statusCode,
    ).toBe(200);
    for (const viewer of [admin, ana, ben, chie]) {
      const v = (await call(viewer, 'GET', `/api/v1/decisions/${id}`)).json();
      expect(v.options.map((o: { votes: number | null }) => o.votes)).toEqual([null, null]);
      for (const p of v.participants) if (p.personId !== viewer.id) expect(p.response).toBeNull();
      // Who voted what appears nowhere but in the voter's own view.
      if (viewer === admin || viewer === ana) expect(JSON.stringify(v)).not.toContain('"option":');
    }
    expect((await call(ben, 'GET', `/api/v1/decisions/${id}`)).json().myResponse).toMatchObject({
      kind: 'vote',
      option: 0,
    });
    expect((await call(ben, 'POST', `/api/v1/decisions/${id}/close`)).statusCode).toBe(403);
    const tied = await call(admin, 'POST', `/api/v1/decisions/${id}/close`);
    expect(tied.json()).toMatchObject({ state: 'awaiting_tiebreak', tiedOptions: [0, 1], closedEarly: true });
    expect(tied.json().options.map((o: { votes: number }) => o.votes)).toEqual([1, 1]);
    expect((await call(ben, 'POST', `/api/v1/decisions/${id}/tie-break`, { option: 0 })).statusCode).toBe(
      403,
    );
    const broken = await call(admin, 'POST', `/api/v1/decisions/${id}/tie-break`, { option: 1 });
    expect(broken.json()).toMatchObject({
      state: 'closed',
      outcome: { result: 'chosen', option: 1, text: 'Borealis' },
    });
    expect((await call(admin, 'POST', `/api/v1/decisions/${id}/tie-break`, { option: 1 })).json().code).toBe(
      'decision_no_tie',
    );
  });

  it('lists closed decisions in the log, filters them by text and exports them', async () => {
    const all = (await call(chie, 'GET', '/api/v1/decision-log')).json().items as {
      question: string;
      tookPart: unknown[];
    }[];
    expect(all.map((e) => e.question)).toEqual(['Which launch name?', 'Ship on Friday?']);
    const found = (await call(chie, 'GET', '/api/v1/decision-log?q=FRIDAY')).json().items;
    expect(found.map((e: { question: string }) => e.question)).toEqual(['Ship on Friday?']);
    expect(found[0].tookPart).toHaveLength(2);
    const csv = (await call(chie, 'GET', '/api/v1/decision-log/export?format=csv')).json();
    expect(csv.content.split('\r\n')[0]).toBe(
      'id,question,mode,outcome,decider,took_part,opened_at,closed_at,link',
    );
    expect(csv.content).toContain('Borealis');
    const md = (await call(chie, 'GET', '/api/v1/decision-log/export?format=markdown&q=launch')).json();
    expect(md.content).toContain('| Which launch name? | vote | Borealis |');
    expect(md.content).not.toContain('Friday');
  });
});
