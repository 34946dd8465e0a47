// Due times of delivered open asks follow the recipient's rhythm: when they change their hours, focus
// blocks or time off, an ask that is not overdue is due `addWorkingTime(newRhythm, deliveredAt, window)`,
// its reminder moves with it, and the asker's "waiting on others" and both people's events say so. Driven by
// the injected clock and the app's scheduler, on both databases; every instant below is computed by hand.
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
const utc = (iso: string) => Date.parse(iso);
const asIs = { mode: 'as-they-come', batchTimes: [] };

interface Waiting {
  askId: string;
  personId: string;
  dueAt: { at: string; theirs: { date: string; time: string }; mine: { time: string } } | null;
}
interface InboxItem {
  kind: string;
  postId: string;
  ask: { id: string; dueAt: { at: string; theirs: { time: string } } | null } | null;
}

describeEachDialect('due times of delivered asks when the recipient’s rhythm changes', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  const clock = createTestClock({ start: utc('2027-01-04T12:00:00Z'), isTicking: false });
  let workspaceId: string;
  let channelId: string;

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    const team = await createTeam(ctx.database().db);
    workspaceId = team.workspaceId;
    const channel = await call(team.owner, 'POST', '/api/v1/channels', {
      name: 'asks',
      visibility: 'public',
    });
    channelId = channel.json<{ id: string }>().id;
  });
  afterAll(() => app.close());

  function call(who: TestPerson, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) {
    return app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  }
  async function setRhythm(who: TestPerson, timeZone: string, hours: string[]) {
    const response = await call(who, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week: workdays(hours) },
      focus: {},
      delivery: asIs,
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  async function person(timeZone: string, hours = ['09:00-17:00']) {
    const p = await createPerson(ctx.database().db, workspaceId);
    await setRhythm(p, timeZone, hours);
    return p;
  }
  async function ask(author: TestPerson, asked: TestPerson, level: string) {
    const response = await call(author, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: 'Question',
      markdown: 'Could you look at this?',
      asks: [{ personId: asked.id, level }],
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ post: { id: string } }>().post.id;
  }
  async function waiting(who: TestPerson) {
    const response = await call(who, 'GET', '/api/v1/waiting');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Waiting[] }>().items;
  }
  async function inbox(who: TestPerson) {
    const response = await call(who, 'GET', '/api/v1/inbox');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: InboxItem[] }>().items;
  }
  const reminders = async (who: TestPerson) => (await inbox(who)).filter((i) => i.kind === 'reminder');
  /** The re-plan runs after the change commits, in the background: wait for the asker to see it. */
  async function expectDue(asker: TestPerson, dues: (string | null)[]) {
    await vi.waitFor(async () => {
      expect((await waiting(asker)).map((w) => w.dueAt?.at ?? null)).toEqual(dues);
    });
  }
  async function events(who: TestPerson, type: string) {
    const response = await call(who, 'GET', '/api/v1/events?follow=false&lastEventId=0');
    return response.body
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; payload: Record<string, unknown> })
      .filter((e) => e.type === type);
  }
  async function runAt(iso: string) {
    clock.set(utc(iso));
    return scheduler.runDue();
  }

  it('moves an open ask’s due time and its reminder when a Berlin recipient shortens her hours across the DST change, and keeps an earlier reminder', async () => {
    const ana = await person('Europe/Berlin');
    const lea = await person('Europe/Berlin');
    // Monday 22 March, 09:00 CET: a `today` ask, due 13:00 CET (12:00Z), reminded then.
    clock.set(utc('2027-03-22T08:00:00Z'));
    const early = await ask(ana, lea, 'today');
    await runAt('2027-03-22T12:00:00Z');
    expect((await reminders(lea)).map((r) => r.postId)).toEqual([early]);
    // Thursday 25 March, 10:00 CET: a `normal` ask (24 working hours): Thu 10–17 (7), Fri 9–17 (15), then
    // Berlin moves to CEST on Sunday 28; Mon 29 9–17 (23), Tue 30 9–10 (24): 10:00 CEST = 08:00Z.
    clock.set(utc('2027-03-25T09:00:00Z'));
    const late = await ask(ana, lea, 'normal');
    expect((await waiting(ana)).map((w) => w.dueAt?.at)).toEqual([
      '2027-03-22T12:00:00.000Z',
      '2027-03-30T08:00:00.000Z',
    ]);
    // Thursday 13:00 CET: Lea now works 08:00–12:00. Counted again from delivery: Thu 10–12 (2), Fri 8–12
    // (6), Mon 29 (10), Tue 30 (14), Wed 31 (18), Thu 1 April (22), Fri 2 April 8–10 (24): 10:00 CEST, 08:00Z.
    clock.set(utc('2027-03-25T12:00:00Z'));
    await setRhythm(lea, 'Europe/Berlin', ['08:00-12:00']);
    await expectDue(ana, ['2027-03-22T12:00:00.000Z', '2027-04-02T08:00:00.000Z']);
    const [, moved] = await waiting(ana);
    expect(moved!.dueAt).toMatchObject({
      theirs: { date: '2027-04-02', time: '10:00' },
      mine: { time: '10:00' },
    });
    // Lea's inbox shows the new due time; the overdue, reminded ask keeps its due time and its reminder.
    const items = await inbox(lea);
    expect(items.find((i) => i.kind === 'post' && i.postId === late)!.ask!.dueAt!.at).toBe(
      '2027-04-02T08:00:00.000Z',
    );
    expect(items.find((i) => i.kind === 'reminder')!.ask!.dueAt!.at).toBe('2027-03-22T12:00:00.000Z');
    // Both people are told, once each.
    for (const who of [ana, lea]) {
      const told = await events(who, 'ask.due-changed');
      expect(told.map((e) => [e.payload.previousDueAt, e.payload.dueAt])).toEqual([
        ['2027-03-30T08:00:00.000Z', '2027-04-02T08:00:00.000Z'],
      ]);
    }
    // The reminder moved: nothing at the old due time, one reminder at the new one (Fri 10:00, a slot).
    await runAt('2027-03-30T08:00:00Z');
    expect((await reminders(lea)).map((r) => r.postId)).toEqual([early]);
    await runAt('2027-04-02T07:59:59.999Z');
    expect((await reminders(lea)).map((r) => r.postId)).toEqual([early]);
    await runAt('2027-04-02T08:00:00Z');
    expect((await reminders(lea)).map((r) => r.postId).sort()).toEqual([early, late].sort());
  });

  it('pauses a Los Angeles recipient’s clock for time off added while the ask is open, and resumes it when removed', async () => {
    const ben = await person('Europe/Berlin');
    const sam = await person('America/Los_Angeles');
    // Monday 11 January, 15:00 PST: a `normal` ask, Mon 15–17 (2), Tue (10), Wed (18), Thu 9–15 (24):
    // Thursday 14 January 15:00 PST = 23:00Z.
    clock.set(utc('2027-01-11T23:00:00Z'));
    await ask(ben, sam, 'normal');
    await ask(ben, sam, 'fyi');
    expect((await waiting(ben)).map((w) => w.dueAt?.at ?? null)).toEqual(['2027-01-14T23:00:00.000Z', null]);
    // Tuesday 10:00 PST: Sam takes Wednesday and Thursday off. Mon (2), Tue (10), Fri 15 (18), Mon 18 9–15
    // (24): Monday 18 January 15:00 PST = 23:00Z.
    clock.set(utc('2027-01-12T18:00:00Z'));
    const off = await call(sam, 'POST', '/api/v1/me/time-off', { from: '2027-01-13', to: '2027-01-14' });
    expect(off.statusCode, off.body).toBe(201);
    await expectDue(ben, ['2027-01-18T23:00:00.000Z', null]);
    expect((await waiting(ben))[0]!.dueAt).toMatchObject({
      theirs: { date: '2027-01-18', time: '15:00' },
      mine: { time: '00:00' },
    });
    // Removed again: back to Thursday.
    clock.set(utc('2027-01-12T19:00:00Z'));
    const removed = await call(sam, 'DELETE', `/api/v1/me/time-off/${off.json<{ id: string }>().id}`);
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    await expectDue(ben, ['2027-01-14T23:00:00.000Z', null]);
    // And taken once more: the reminder follows every move.
    clock.set(utc('2027-01-12T20:00:00Z'));
    const again = await call(sam, 'POST', '/api/v1/me/time-off', { from: '2027-01-13', to: '2027-01-14' });
    expect(again.statusCode, again.body).toBe(201);
    await expectDue(ben, ['2027-01-18T23:00:00.000Z', null]);
    await runAt('2027-01-14T23:00:00Z');
    expect(await reminders(sam)).toEqual([]);
    await runAt('2027-01-18T23:00:00Z');
    expect(await reminders(sam)).toHaveLength(1);
    const told = await events(ben, 'ask.due-changed');
    expect(told.map((e) => e.payload.dueAt)).toEqual([
      '2027-01-18T23:00:00.000Z',
      '2027-01-14T23:00:00.000Z',
      '2027-01-18T23:00:00.000Z',
    ]);
  });

  it('makes an ask overdue at once when the new hours have already covered its window, and reminds once in a slot', async () => {
    const ana = await person('Europe/Berlin');
    const kim = await person('Europe/Berlin', ['09:00-10:00']);
    // Monday 1 February 09:00 CET: `today` (4 h) at one hour a day is due Thursday 10:00 CET (09:00Z).
    clock.set(utc('2027-02-01T08:00:00Z'));
    await ask(ana, kim, 'today');
    expect((await waiting(ana))[0]!.dueAt?.at).toBe('2027-02-04T09:00:00.000Z');
    // Tuesday 12:00 CET Kim works 09:00–17:00: counted from Monday 09:00, due Monday 13:00 CET, past.
    clock.set(utc('2027-02-02T11:00:00Z'));
    await setRhythm(kim, 'Europe/Berlin', ['09:00-17:00']);
    await expectDue(ana, ['2027-02-01T12:00:00.000Z']);
    await runAt('2027-02-02T11:00:00Z');
    expect(await reminders(kim)).toHaveLength(1);
    // Tuesday 12:30 CET a `soon` ask (8 h): Tue 12:30–17 (4.5), Wed 9–12:30: Wednesday 12:30 CET.
    clock.set(utc('2027-02-02T11:30:00Z'));
    await ask(ana, kim, 'soon');
    expect((await waiting(ana)).map((w) => w.dueAt?.at)).toEqual([
      '2027-02-01T12:00:00.000Z',
      '2027-02-03T11:30:00.000Z',
    ]);
    // Back to one hour a day: the open ask moves (Wed 3 … Fri 12 February 9–10: 10:00 CET = 09:00Z); the
    // overdue, reminded one keeps its due time, and no second reminder is ever made.
    await setRhythm(kim, 'Europe/Berlin', ['09:00-10:00']);
    await expectDue(ana, ['2027-02-01T12:00:00.000Z', '2027-02-12T09:00:00.000Z']);
    await runAt('2027-02-04T09:00:00Z');
    expect(await reminders(kim)).toHaveLength(1);
  });
});
