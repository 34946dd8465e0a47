// Deliveries, asks, interrupts, the inbox and waiting on others, driven by the injected test clock and the
// app's own scheduler (`runDue`), on both databases. Times are computed by hand from the rhythms below.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';

const workdays = (hours: string[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});
const nine2five = workdays(['09:00-17:00']);
const utc = (iso: string) => Date.parse(iso);

interface Landing {
  personId: string;
  landsAt: {
    at: string;
    epochMs: number;
    theirs: { date: string; time: string };
    mine: { time: string };
  } | null;
  heldReason: string | null;
  interrupt: string | null;
  ask: { level: string; state: string; dueAt: { at: string; theirs: { time: string } } | null } | null;
}

describeEachDialect('deliveries, asks, interrupts and the inbox', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  const clock = createTestClock({ start: utc('2027-01-04T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let channelId: string;

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(ctx.database().db);
    const channel = await call(team.owner, 'POST', '/api/v1/channels', {
      name: 'general',
      visibility: 'public',
    });
    channelId = channel.json<{ id: string }>().id;
  });
  afterAll(() => app.close());

  function call(who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
    return app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  }
  async function person(
    timeZone: string,
    options: { week?: object; focus?: object; delivery?: object; role?: 'member' | 'admin' } = {},
  ) {
    const p = await createPerson(ctx.database().db, team.workspaceId, options.role ?? 'member');
    const response = await call(p, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week: options.week ?? nine2five },
      focus: options.focus ?? {},
      delivery: options.delivery ?? { mode: 'as-they-come', batchTimes: [] },
    });
    expect(response.statusCode, response.body).toBe(200);
    return p;
  }
  async function startThread(author: TestPerson, body: object) {
    const response = await call(author, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: 'Plan',
      markdown: 'Hello',
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ thread: { id: string }; post: { id: string; landing: Landing[] } }>();
  }
  const landingOf = (landing: Landing[], p: TestPerson) => landing.find((l) => l.personId === p.id)!;
  async function inbox(who: TestPerson) {
    const response = await call(who, 'GET', '/api/v1/inbox');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{
      items: {
        id: string;
        kind: string;
        postId: string;
        threadId: string;
        interrupt: unknown;
        ask: { dueAt: { at: string } | null } | null;
      }[];
    }>().items;
  }
  async function runAt(iso: string) {
    clock.set(utc(iso));
    return scheduler.runDue();
  }

  it('holds a post from Berlin at 18:00 on Sunday until 09:00 PT on Monday, then the scheduler delivers it', async () => {
    const ana = await person('Europe/Berlin');
    const sam = await person('America/Los_Angeles');
    clock.set(utc('2027-01-10T17:00:00Z')); // Sunday 18:00 in Berlin, 09:00 in San Francisco
    const { post } = await startThread(ana, { mentions: [sam.id] });
    const landing = landingOf(post.landing, sam);
    expect(landing.landsAt).toMatchObject({
      at: '2027-01-11T17:00:00.000Z',
      theirs: { date: '2027-01-11', time: '09:00', timeZone: 'America/Los_Angeles' },
      mine: { date: '2027-01-11', time: '18:00', timeZone: 'Europe/Berlin' },
    });
    expect(await inbox(sam)).toEqual([]);
    expect((await runAt('2027-01-11T16:59:59.999Z')).done).toBe(0);
    expect(await inbox(sam)).toEqual([]);
    const run = await runAt('2027-01-11T17:00:00Z');
    expect(run.done).toBeGreaterThanOrEqual(1);
    const items = await inbox(sam);
    expect(items.map((i) => i.postId)).toEqual([post.id]);
    expect((await scheduler.runDue()).claimed).toBe(0);
    const events = await call(sam, 'GET', '/api/v1/events?follow=false&lastEventId=0');
    expect(events.body.match(/inbox\.delivered/g)).toHaveLength(1);
    // The stored landing says the same after sending.
    const stored = await call(ana, 'GET', `/api/v1/posts/${post.id}/landing`);
    expect(landingOf(stored.json<{ recipients: Landing[] }>().recipients, sam).landsAt?.at).toBe(
      '2027-01-11T17:00:00.000Z',
    );
  });

  it('delivers at once inside a slot, never to the author', async () => {
    const ana = await person('Europe/Berlin');
    const ben = await person('Europe/Berlin');
    clock.set(utc('2027-01-11T10:00:00Z')); // Monday 11:00 in Berlin
    const { post } = await startThread(ana, { mentions: [ben.id, ana.id] });
    expect(post.landing.map((l) => l.personId)).toEqual([ben.id]);
    expect(landingOf(post.landing, ben).landsAt?.at).toBe('2027-01-11T10:00:00.000Z');
    expect((await inbox(ben)).map((i) => i.postId)).toEqual([post.id]);
    expect(await inbox(ana)).toEqual([]);
  });

  it('releases a batched recipient at the next batch time in a slot, after focus blocks and time off', async () => {
    const ana = await person('Europe/Berlin');
    const batched = await person('Europe/Berlin', {
      delivery: { mode: 'batched', batchTimes: ['13:30', '08:00'] },
    });
    const focused = await person('Europe/Berlin', {
      delivery: { mode: 'batched', batchTimes: ['13:30'] },
      focus: { mon: ['13:00-14:00'] },
    });
    const away = await person('Europe/Berlin');
    expect(
      (await call(away, 'POST', '/api/v1/me/time-off', { from: '2027-01-11', to: '2027-01-12' })).statusCode,
    ).toBe(201);
    clock.set(utc('2027-01-11T09:00:00Z')); // Monday 10:00 in Berlin
    const { post } = await startThread(ana, { mentions: [batched.id, focused.id, away.id] });
    expect(landingOf(post.landing, batched).landsAt?.theirs).toMatchObject({
      date: '2027-01-11',
      time: '13:30',
    });
    expect(landingOf(post.landing, focused).landsAt?.theirs).toMatchObject({
      date: '2027-01-11',
      time: '14:00',
    });
    expect(landingOf(post.landing, away).landsAt?.theirs).toMatchObject({
      date: '2027-01-13',
      time: '09:00',
    });
    // A batch time before working hours (08:00) moves to the working start: Tuesday 09:00, not 08:00.
    clock.set(utc('2027-01-11T15:00:00Z'));
    const later = await startThread(ana, { mentions: [batched.id] });
    expect(landingOf(later.post.landing, batched).landsAt?.theirs).toMatchObject({
      date: '2027-01-12',
      time: '09:00',
    });
  });

  it("counts a `today` ask's due time in the recipient's working hours, focus included, and closes it by reply", async () => {
    const ana = await person('Europe/Berlin');
    const kai = await person('Asia/Tokyo', {
      week: workdays(['09:00-12:00', '13:00-17:00']),
      focus: { mon: ['14:00-15:00'] },
    });
    clock.set(utc('2027-01-11T04:30:00Z')); // Monday 13:30 in Tokyo: a slot
    const { thread, post } = await startThread(ana, { asks: [{ personId: kai.id, level: 'today' }] });
    const landing = landingOf(post.landing, kai);
    expect(landing.landsAt?.theirs).toMatchObject({ date: '2027-01-11', time: '13:30' });
    // 13:30–17:00 (the focus block counts) is 3.5 h, then Tuesday 09:00–09:30.
    expect(landing.ask).toMatchObject({
      level: 'today',
      state: 'open',
      dueAt: { at: '2027-01-12T00:30:00.000Z' },
    });
    const waiting = await call(ana, 'GET', '/api/v1/waiting');
    expect(waiting.json<{ items: unknown[] }>().items).toMatchObject([
      { personId: kai.id, level: 'today', dueAt: { theirs: { time: '09:30' }, mine: { time: '01:30' } } },
    ]);
    const reply = await call(kai, 'POST', `/api/v1/threads/${thread.id}/posts`, { markdown: 'Done.' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await call(ana, 'GET', '/api/v1/waiting')).json<{ items: unknown[] }>().items).toEqual([]);
    // The asker hears of it at once (their *waiting on others* updates live); Kai's stream does not carry it.
    const askClosed = (body: string) => body.match(/inbox\.ask-closed/g) ?? [];
    const anaEvents = await call(ana, 'GET', '/api/v1/events?follow=false&lastEventId=0');
    expect(askClosed(anaEvents.body)).toHaveLength(1);
    expect(anaEvents.body).toContain(`"threadId":"${thread.id}"`);
    expect(anaEvents.body).toContain('"state":"answered"');
    expect(askClosed((await call(kai, 'GET', '/api/v1/events?follow=false&lastEventId=0')).body)).toEqual([]);
    const stored = await call(ana, 'GET', `/api/v1/posts/${post.id}/landing`);
    expect(landingOf(stored.json<{ recipients: Landing[] }>().recipients, kai).ask?.state).toBe('answered');
    // Answered: no reminder when the due time passes.
    await runAt('2027-01-12T00:30:00Z');
    expect((await inbox(kai)).filter((i) => i.kind === 'reminder')).toEqual([]);
  });

  it('reminds of an overdue ask exactly once, in the next slot, and lets the asked person decline', async () => {
    const ana = await person('Europe/Berlin');
    const lea = await person('Europe/Berlin');
    clock.set(utc('2027-01-11T09:00:00Z')); // Monday 10:00 in Berlin
    const { post } = await startThread(ana, { asks: [{ personId: lea.id, level: 'today' }] });
    expect(landingOf(post.landing, lea).ask?.dueAt?.at).toBe('2027-01-11T13:00:00.000Z');
    await runAt('2027-01-11T12:59:00Z');
    expect((await inbox(lea)).filter((i) => i.kind === 'reminder')).toHaveLength(0);
    await runAt('2027-01-11T13:00:00Z');
    await runAt('2027-01-11T13:30:00Z');
    await runAt('2027-01-12T13:30:00Z');
    const items = await inbox(lea);
    expect(items.filter((i) => i.kind === 'reminder')).toHaveLength(1);
    expect(items.every((i) => i.interrupt === null)).toBe(true);
    const askId = items.find((i) => i.kind === 'reminder')!.ask as unknown as { id: string };
    const declined = await call(lea, 'POST', `/api/v1/asks/${askId.id}/decline`, { reason: 'Not mine' });
    expect(declined.json()).toEqual({ id: askId.id, state: 'declined' });
    const anaEvents = await call(ana, 'GET', '/api/v1/events?follow=false&lastEventId=0');
    expect(anaEvents.body.match(/inbox\.ask-closed/g)).toHaveLength(1);
    expect(anaEvents.body).toContain('"state":"declined"');
    expect(anaEvents.body).not.toContain('Not mine'); // the reason is read from the ask, by the asker only
    const again = await call(lea, 'POST', `/api/v1/asks/${askId.id}/answer`);
    expect(again.statusCode).toBe(409);
  });

  it('delivers an interrupt at once with its reason, spends the budget, and refuses once it is spent', async () => {
    const ana = await person('Europe/Berlin');
    const sam = await person('America/Los_Angeles');
    const asleep = utc('2027-01-14T07:00:00Z'); // Thursday 08:00 in Berlin, 23:00 in San Francisco
    clock.set(asleep);
    const interrupt = { reason: 'Production is down' };
    const first = await startThread(ana, { mentions: [sam.id], interrupt });
    expect(landingOf(first.post.landing, sam)).toMatchObject({
      interrupt: 'interrupt',
      landsAt: { epochMs: asleep },
    });
    expect((await inbox(sam))[0]).toMatchObject({
      interrupt: { reason: 'Production is down', emergency: false },
    });
    await startThread(ana, { mentions: [sam.id], interrupt });
    const refused = await call(ana, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: 'Again',
      markdown: 'Again',
      mentions: [sam.id],
      interrupt,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'interrupt_budget_spent' });
    // Monday 2027-01-18 00:00 in Berlin.
    expect(refused.json<{ detail: string }>().detail).toContain('2027-01-17T23:00:00.000Z');
    const preview = await call(ana, 'POST', `/api/v1/channels/${channelId}/landing-preview`, {
      mentions: [sam.id],
      interrupt,
    });
    expect(preview.json()).toMatchObject({ interruptBudget: { limit: 2, used: 2, remaining: 0 } });
  });

  it('resets the budget at Monday 00:00 in the sender zone across a daylight-saving change', async () => {
    const ana = await person('Europe/Berlin');
    const ben = await person('Europe/Berlin');
    const interrupt = { reason: 'Urgent' };
    clock.set(utc('2027-03-26T12:00:00Z')); // Friday before the change on Sunday 28 March
    await startThread(ana, { mentions: [ben.id], interrupt });
    await startThread(ana, { mentions: [ben.id], interrupt });
    const send = () =>
      call(ana, 'POST', `/api/v1/channels/${channelId}/threads`, {
        title: 'T',
        markdown: 'M',
        mentions: [ben.id],
        interrupt,
      });
    // Monday 29 March 00:00 in Berlin is 22:00 UTC on Sunday (CEST), not 23:00.
    clock.set(utc('2027-03-28T21:59:59Z'));
    const refused = await send();
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toContain('2027-03-28T22:00:00.000Z');
    clock.set(utc('2027-03-28T22:00:00Z'));
    expect((await send()).statusCode).toBe(201);
  });

  it('never interrupts time off, except by an emergency from a role the agreement allows', async () => {
    const ana = await person('Europe/Berlin');
    const boss = await person('Europe/Berlin', { role: 'admin' });
    const away = await person('Europe/Berlin');
    expect(
      (await call(away, 'POST', '/api/v1/me/time-off', { from: '2027-02-01', to: '2027-02-05' })).statusCode,
    ).toBe(201);
    clock.set(utc('2027-02-02T10:00:00Z'));
    const held = await startThread(ana, { mentions: [away.id], interrupt: { reason: 'Urgent' } });
    expect(landingOf(held.post.landing, away)).toMatchObject({
      interrupt: null,
      landsAt: { theirs: { date: '2027-02-08', time: '09:00' } },
    });
    expect(landingOf(held.post.landing, away).heldReason).toContain('time off');
    const forbidden = await call(ana, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: 'T',
      markdown: 'M',
      mentions: [away.id],
      interrupt: { reason: 'Fire', emergency: true },
    });
    expect(forbidden.statusCode).toBe(403);
    const emergency = await startThread(boss, {
      mentions: [away.id],
      interrupt: { reason: 'Fire', emergency: true },
    });
    expect(landingOf(emergency.post.landing, away)).toMatchObject({ interrupt: 'emergency' });
    expect((await inbox(away)).map((i) => i.postId)).toEqual([emergency.post.id]);
  });

  it("re-plans a person's held deliveries when their rhythm changes", async () => {
    const ana = await person('Europe/Berlin');
    const sam = await person('America/Los_Angeles');
    clock.set(utc('2027-01-16T12:00:00Z')); // Saturday
    const { post } = await startThread(ana, { mentions: [sam.id] });
    expect(landingOf(post.landing, sam).landsAt?.at).toBe('2027-01-18T17:00:00.000Z');
    // Sam moves to Tokyo: Monday 09:00 there is Monday 00:00 UTC.
    await call(sam, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone: 'Asia/Tokyo', week: nine2five },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    await vi.waitFor(async () => {
      const stored = await call(ana, 'GET', `/api/v1/posts/${post.id}/landing`);
      expect(landingOf(stored.json<{ recipients: Landing[] }>().recipients, sam).landsAt?.at).toBe(
        '2027-01-18T00:00:00.000Z',
      );
    });
    await runAt('2027-01-18T00:00:00Z');
    expect((await inbox(sam)).map((i) => i.postId)).toEqual([post.id]);
  });

  it('orders the inbox: asks by due time first, then the rest by thread, latest first; done and undone', async () => {
    const ana = await person('Europe/Berlin');
    const eve = await person('Europe/Berlin');
    clock.set(utc('2027-01-19T08:00:00Z')); // Tuesday 09:00 in Berlin
    const normal = await startThread(ana, { asks: [{ personId: eve.id, level: 'normal' }] });
    clock.set(utc('2027-01-19T08:10:00Z'));
    const plainA = await startThread(ana, { mentions: [eve.id] });
    clock.set(utc('2027-01-19T08:20:00Z'));
    const today = await startThread(ana, { asks: [{ personId: eve.id, level: 'today' }] });
    clock.set(utc('2027-01-19T08:30:00Z'));
    const plainB = await startThread(ana, { mentions: [eve.id] });
    clock.set(utc('2027-01-19T08:40:00Z'));
    const replyA = await call(ana, 'POST', `/api/v1/threads/${plainA.thread.id}/posts`, {
      markdown: 'More',
      mentions: [eve.id],
    });
    const items = await inbox(eve);
    expect(items.map((i) => i.postId)).toEqual([
      today.post.id,
      normal.post.id,
      replyA.json<{ id: string }>().id,
      plainA.post.id,
      plainB.post.id,
    ]);
    const page = await call(eve, 'GET', '/api/v1/inbox?limit=2');
    const first = page.json<{ items: { postId: string }[]; nextCursor: string }>();
    expect(first.items.map((i) => i.postId)).toEqual([today.post.id, normal.post.id]);
    const second = await call(
      eve,
      'GET',
      `/api/v1/inbox?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
    );
    expect(second.json<{ items: { postId: string }[] }>().items.map((i) => i.postId)).toEqual([
      replyA.json<{ id: string }>().id,
      plainA.post.id,
    ]);
    const id = items[4]!.id;
    expect((await call(eve, 'POST', `/api/v1/inbox/${id}/done`)).json()).toMatchObject({ state: 'done' });
    expect((await inbox(eve)).map((i) => i.id)).not.toContain(id);
    expect((await call(ana, 'POST', `/api/v1/inbox/${id}/undone`)).statusCode).toBe(404);
    expect((await call(eve, 'POST', `/api/v1/inbox/${id}/undone`)).json()).toMatchObject({
      state: 'delivered',
    });
    expect((await inbox(eve)).map((i) => i.id)).toContain(id);
    // Snoozed to my next slot (Wednesday 09:00): hidden until then.
    const snoozed = await call(eve, 'POST', `/api/v1/inbox/${id}/snooze`, {});
    expect(snoozed.json()).toMatchObject({ snoozedUntil: '2027-01-20T08:00:00.000Z' });
    expect((await inbox(eve)).map((i) => i.id)).not.toContain(id);
    clock.set(utc('2027-01-20T08:00:00Z'));
    expect((await inbox(eve)).map((i) => i.id)).toContain(id);
    const tooLate = await call(eve, 'POST', `/api/v1/inbox/${id}/snooze`, { until: '2030-01-01T00:00:00Z' });
    expect(tooLate.statusCode).toBe(400);
  });

  it('releases recipients due at one instant together (batched jobs), each once, with their ask clocks and one event', async () => {
    const ana = await person('Europe/Berlin');
    const people: TestPerson[] = [];
    for (let i = 0; i < 9; i++) people.push(await person('America/Los_Angeles'));
    clock.set(utc('2027-02-07T17:00:00Z')); // Sunday 09:00 in Los Angeles
    const { post } = await startThread(ana, {
      mentions: people.slice(2).map((p) => p.id),
      asks: people.slice(0, 2).map((p) => ({ personId: p.id, level: 'soon' })),
    });
    for (const p of people) expect(landingOf(post.landing, p).landsAt?.at).toBe('2027-02-08T17:00:00.000Z');
    await runAt('2027-02-08T16:59:59.999Z');
    for (const p of people) expect(await inbox(p)).toEqual([]);
    const run = await runAt('2027-02-08T17:00:00Z');
    expect(run).toMatchObject({ failed: 0, stale: 0 });
    expect(run.done).toBeGreaterThanOrEqual(people.length);
    expect((await scheduler.runDue()).claimed).toBe(0);
    for (const [i, p] of people.entries()) {
      const items = await inbox(p);
      expect(items.map((item) => item.postId)).toEqual([post.id]);
      // An ask's clock starts at its release.
      if (i < 2) expect(items[0]!.ask?.dueAt).not.toBeNull();
      const events = await call(p, 'GET', '/api/v1/events?follow=false&lastEventId=0');
      expect(events.body.match(/inbox\.delivered/g)).toHaveLength(1);
    }
  });

  it('previews a 50-person channel, one recipient per person', async () => {
    const ana = await person('Europe/Berlin');
    const zones = [
      'Europe/Berlin',
      'America/Los_Angeles',
      'Asia/Tokyo',
      'Australia/Sydney',
      'America/Sao_Paulo',
    ];
    const people: TestPerson[] = [];
    for (let i = 0; i < 50; i++) people.push(await person(zones[i % zones.length]!));
    const body = {
      mentions: people.map((p) => p.id),
      asks: people.slice(0, 10).map((p) => ({ personId: p.id, level: 'soon' })),
    };
    const url = `/api/v1/channels/${channelId}/landing-preview`;
    expect((await call(ana, 'POST', url, body)).statusCode).toBe(200);
    // Its speed (p95 for 50 people) is measured by the delivery bench, not here.
    const response = await call(ana, 'POST', url, body);
    const recipients = response.json<{ recipients: { personId: string }[] }>().recipients;
    expect(recipients.map((r) => r.personId).sort()).toEqual(people.map((p) => p.id).sort());
  });
});
