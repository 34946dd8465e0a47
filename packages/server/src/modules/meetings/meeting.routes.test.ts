// Meetings on both databases, on a frozen test clock: the notice counted in each invitee's working time
// across the United States' change to summer time (2027-03-14), sync windows and written reasons, delivery
// of the request through the agenda thread, answers, late moves and cancellations, and the notes prompt.
//
// Times by hand. The request is made on Thu 2027-03-11 15:00Z, with a notice of 16 working hours:
// - Ana, New York 09:00–17:00: Thu 10:00–17:00 EST is 7 h, Fri 8 h, then 1 h of Mon 15 March, now EDT
//   (UTC−4): Mon 10:00 EDT = 14:00Z. A fixed −5 h offset would give 15:00Z.
// - Kenji, Tokyo 09:00–17:00: Thu 15:00Z is Fri 00:00 JST; Fri 8 h, Mon 8 h: Mon 17:00 JST = 08:00Z.
// So the earliest allowed start is Mon 2027-03-15 14:00Z (Ana's).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam, defaultAgreementBody } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';

const workdays = (hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const utc = (iso: string) => Date.parse(iso);

describeEachDialect('meetings', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  const clock = createTestClock({ start: utc('2027-03-11T15:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let ana: TestPerson;
  let kenji: TestPerson;
  let threadId: string;
  let firstId: string;

  function call(who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
    return app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  }
  async function person(timeZone: string) {
    const p = await createPerson(ctx.database().db, team.workspaceId, 'member');
    const response = await call(p, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week: workdays(['09:00-17:00']) },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    expect(response.statusCode, response.body).toBe(200);
    return p;
  }
  const request = (body: object) =>
    call(team.admin, 'POST', '/api/v1/meetings', {
      title: 'Launch plan',
      agendaThreadId: threadId,
      invitees: [ana.id, kenji.id],
      durationMinutes: 60,
      ...body,
    });

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(ctx.database().db);
    ana = await person('America/New_York');
    kenji = await person('Asia/Tokyo');
    const channel = await call(team.admin, 'POST', '/api/v1/channels', {
      name: 'launch',
      visibility: 'public',
    });
    const thread = await call(team.admin, 'POST', `/api/v1/channels/${channel.json().id}/threads`, {
      title: 'Launch agenda',
      markdown: '1. Dates\n2. Risks',
    });
    expect(thread.statusCode, thread.body).toBe(201);
    threadId = thread.json().thread?.id ?? thread.json().threadId;
    const agreement = await call(team.admin, 'PUT', '/api/v1/agreement', {
      agreement: {
        ...defaultAgreementBody(),
        syncWindows: [
          { timeZone: 'America/New_York', day: 'mon', hours: '10:00-12:00' },
          { timeZone: 'America/New_York', day: 'tue', hours: '10:00-12:00' },
        ],
        meetingDays: [{ timeZone: 'America/New_York', day: 'wed', kind: 'no-meeting' }],
      },
      reason: 'Sync windows for the launch',
    });
    expect(agreement.statusCode, agreement.body).toBe(200);
  });
  afterAll(() => app.close());

  describe('the notice', () => {
    it("gives each invitee's earliest allowed start, counted in their own working time across DST", async () => {
      const response = await call(
        team.admin,
        'GET',
        `/api/v1/meetings/notice?invitees=${ana.id},${kenji.id}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        noticeHours: 16,
        earliestStart: '2027-03-15T14:00:00.000Z',
        invitees: [
          { personId: ana.id, earliestStart: '2027-03-15T14:00:00.000Z' },
          { personId: kenji.id, earliestStart: '2027-03-15T08:00:00.000Z' },
        ],
      });
    });

    it('refuses a start one minute too early with 422 naming startsAt and the earliest allowed start', async () => {
      const response = await request({ startsAt: '2027-03-15T13:59:00Z' });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem.code).toBe('meeting_notice_too_short');
      expect(problem.errors).toEqual([
        { path: 'body.startsAt', message: expect.stringContaining('2027-03-15T14:00:00.000Z') },
      ]);
      expect(await ctx.database().db.selectFrom('meetings').select('id').execute()).toEqual([]);
    });

    it('accepts the earliest allowed start inside a sync window and posts the request for the invitees', async () => {
      const response = await request({ startsAt: '2027-03-15T14:00:00Z' });
      expect(response.statusCode, response.body).toBe(201);
      const meeting = response.json();
      firstId = meeting.id;
      expect(meeting).toMatchObject({
        startsAt: '2027-03-15T14:00:00.000Z',
        endsAt: '2027-03-15T15:00:00.000Z',
        isOutsideSyncWindow: false,
        outsideWindowReason: null,
        lateChanges: 0,
        agendaThreadId: threadId,
      });
      expect(meeting.invitees.map((i: { response: string }) => i.response)).toEqual(['pending', 'pending']);
      // Ana works now (10:00 in New York): the request reaches her inbox at once, as a delivery, no interrupt.
      const inbox = (await call(ana, 'GET', '/api/v1/inbox')).json();
      const item = inbox.items.find((i: { threadId: string }) => i.threadId === threadId);
      expect(item).toMatchObject({ interrupt: null });
      // Kenji sleeps (00:00 in Tokyo): his delivery is held for his slot.
      expect((await call(kenji, 'GET', '/api/v1/inbox')).json().items).toEqual([]);
      const held = await ctx
        .database()
        .db.selectFrom('deliveries')
        .select(['state', 'interruptReason'])
        .where('personId', '=', kenji.id)
        .execute();
      expect(held).toEqual([{ state: 'held', interruptReason: null }]);
    });
  });

  describe('sync windows', () => {
    it('refuses a time outside every window without a written reason', async () => {
      const response = await request({ startsAt: '2027-03-15T17:00:00Z' });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json()).toMatchObject({
        code: 'meeting_reason_required',
        errors: [{ path: 'body.outsideWindowReason' }],
      });
    });

    it('refuses a no-meeting day even inside a window hour, and accepts it with a reason shown as such', async () => {
      const wednesday = { startsAt: '2027-03-17T14:00:00Z' };
      expect((await request(wednesday)).statusCode).toBe(422);
      const response = await request({ ...wednesday, outsideWindowReason: 'Vendor only free then' });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({
        isOutsideSyncWindow: true,
        outsideWindowReason: 'Vendor only free then',
      });
    });
  });

  describe('answers', () => {
    it('lets invitees answer yes, no or maybe, and nobody else', async () => {
      const maybe = await call(kenji, 'POST', `/api/v1/meetings/${firstId}/response`, { response: 'maybe' });
      expect(maybe.statusCode, maybe.body).toBe(200);
      expect(maybe.json().invitees).toContainEqual(
        expect.objectContaining({ personId: kenji.id, response: 'maybe' }),
      );
      expect(
        (await call(team.admin, 'POST', `/api/v1/meetings/${firstId}/response`, { response: 'yes' }))
          .statusCode,
      ).toBe(403);
      expect((await call(team.other, 'GET', `/api/v1/meetings/${firstId}`)).statusCode).toBe(404);
      expect((await call(ana, 'GET', `/api/v1/meetings/${firstId}`)).statusCode).toBe(200);
    });
  });

  describe('late changes', () => {
    it('marks a move inside the notice as late and counts it for the team', async () => {
      clock.set(utc('2027-03-12T15:00:00Z')); // Friday: Ana no longer gets 16 working hours before Monday 14:00Z
      const moved = await call(team.admin, 'POST', `/api/v1/meetings/${firstId}/move`, {
        startsAt: '2027-03-16T14:00:00Z',
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ startsAt: '2027-03-16T14:00:00.000Z', lateChanges: 1 });
      const late = await ctx.database().db.selectFrom('meetingLateChanges').select('kind').execute();
      expect(late).toEqual([{ kind: 'moved' }]);
      const posts = await ctx
        .database()
        .db.selectFrom('posts')
        .select('markdown')
        .where('threadId', '=', threadId)
        .execute();
      expect(posts.map((p) => p.markdown)).toContainEqual(expect.stringContaining('moved late'));
    });

    it('refuses a move to a start that breaks the notice, naming the earliest start', async () => {
      const response = await call(team.admin, 'POST', `/api/v1/meetings/${firstId}/move`, {
        startsAt: '2027-03-15T14:00:00Z',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors[0].message).toContain('2027-03-16T14:00:00.000Z');
    });

    it('cancels in good time without marking it late; only the organiser or an admin may', async () => {
      const far = await request({ startsAt: '2027-03-22T14:00:00Z' });
      expect(far.statusCode, far.body).toBe(201);
      expect((await call(ana, 'POST', `/api/v1/meetings/${far.json().id}/cancel`)).statusCode).toBe(403);
      const cancelled = await call(team.admin, 'POST', `/api/v1/meetings/${far.json().id}/cancel`);
      expect(cancelled.json()).toMatchObject({ state: 'cancelled', lateChanges: 0 });
      expect((await call(team.admin, 'POST', `/api/v1/meetings/${far.json().id}/cancel`)).statusCode).toBe(
        409,
      );
    });
  });

  describe('after the meeting', () => {
    it('prompts the organiser once to post notes into the agenda thread', async () => {
      clock.set(utc('2027-03-16T15:00:00Z'));
      await scheduler.runDue();
      const meeting = (await call(team.admin, 'GET', `/api/v1/meetings/${firstId}`)).json();
      expect(meeting.notesPromptedAt).toBe('2027-03-16T15:00:00.000Z');
      const events = await ctx
        .database()
        .db.selectFrom('events')
        .select(['personId', 'payload'])
        .where('type', '=', 'meeting.notes-due')
        .execute();
      expect(events).toEqual([{ personId: team.admin.id, payload: expect.stringContaining(threadId) }]);
    });
  });
});
