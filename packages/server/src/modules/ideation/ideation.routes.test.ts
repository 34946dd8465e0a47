// Ideation rounds on both databases, driven by an injected clock and the app's own scheduler: blindness
// before the reveal (every ideation endpoint, search, the SSE replay and the export, probed as each other
// participant and as an admin, checked by unique marker strings), the fair reveal instant computed by hand,
// dots limits, promotion, and anonymous rounds that never name an author after the reveal.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { routeCalls } from '../../../test/route-calls.js';
import type { Method } from '../../../test/route-calls.js';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';

const utc = (iso: string) => Date.parse(iso);
const marker = (who: string) => `idea${who}${randomBytes(6).toString('hex')}`;

describeEachDialect('ideation rounds', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  // Monday 4 January 2027, 12:00 UTC: 13:00 in Berlin, 07:00 in New York.
  const clock = createTestClock({ start: utc('2027-01-04T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let ana: TestPerson;
  let ben: TestPerson;
  let channelId: string;

  const { call, ok, setWeekdayHours, personWorkingIn } = routeCalls(() => app);
  const person = (timeZone: string, role: 'member' | 'admin' = 'member') =>
    personWorkingIn(ctx.database().db, team.workspaceId, timeZone, role);

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(ctx.database().db);
    for (const p of [team.owner, team.admin, team.member]) await setWeekdayHours(p, 'UTC');
    ana = await person('Europe/Berlin');
    ben = await person('America/New_York');
    channelId = (
      await ok<{ id: string }>(
        team.owner,
        'POST',
        '/api/v1/channels',
        { name: 'ideas', visibility: 'public' },
        201,
      )
    ).id;
  });
  afterAll(() => app.close());

  interface Round {
    id: string;
    phase: string;
    revealAt: { at: string };
    myDotsLeft: number;
    participantIds: string[];
  }
  interface Idea {
    id: string;
    text: string;
    mine: boolean;
    author: { id: string } | null;
    dots: number | null;
  }
  const open = (who: TestPerson, body: object) =>
    ok<Round>(
      who,
      'POST',
      '/api/v1/ideation-rounds',
      { channelId, prompt: 'How do we onboard faster?', ...body },
      201,
    );
  const submit = (who: TestPerson, roundId: string, text: string, extra: object = {}) =>
    ok<Idea>(who, 'POST', `/api/v1/ideation-rounds/${roundId}/ideas`, { text, ...extra }, 201);

  it('reveals at the fair instant: the latest of each participant’s window of working time', async () => {
    clock.set(utc('2027-01-04T12:00:00Z'));
    const round = await open(ana, { participantIds: [ben.id, team.member.id], windowHours: 4 });
    // Ana (Berlin): 13:00 + 4 h = 17:00 CET = 16:00Z. The member (UTC): 12:00 + 4 h = 16:00Z.
    // Ben (New York) starts at 09:00 EST = 14:00Z, so his fourth hour ends 18:00Z: the reveal.
    expect(round.revealAt.at).toBe('2027-01-04T18:00:00.000Z');
    expect(round.phase).toBe('collecting');
    clock.set(utc('2027-01-04T17:59:59.999Z'));
    await scheduler.runDue();
    expect((await ok<Round>(ben, 'GET', `/api/v1/ideation-rounds/${round.id}`)).phase).toBe('collecting');
    clock.set(utc('2027-01-04T18:00:00Z'));
    await scheduler.runDue();
    expect((await ok<Round>(ben, 'GET', `/api/v1/ideation-rounds/${round.id}`)).phase).toBe('voting');
    const events = await call(ben, 'GET', '/api/v1/events?follow=false&lastEventId=0');
    expect(events.body).toContain('ideation.revealed');
    expect(events.body).toContain(round.id);
  });

  it('shows nobody another person’s idea before the reveal: no endpoint, search, event or export', async () => {
    clock.set(utc('2027-01-05T12:00:00Z'));
    const round = await open(ana, { participantIds: [ben.id, team.member.id], windowHours: 4 });
    const authors = { ana, ben, member: team.member };
    const markers = Object.fromEntries(Object.keys(authors).map((name) => [name, marker(name)]));
    const ideas: Record<string, Idea> = {};
    for (const [name, who] of Object.entries(authors)) {
      ideas[name] = await submit(who, round.id, `Pair newcomers ${markers[name]}`);
      // An edit by its author stays as blind as the first text.
      await ok(who, 'PATCH', `/api/v1/ideas/${ideas[name]!.id}`, {
        text: `Pair newcomers early ${markers[name]}`,
      });
    }
    await scheduler.runDue();
    const probers: Record<string, TestPerson> = { ...authors, admin: team.admin, owner: team.owner };
    for (const [name, who] of Object.entries(probers)) {
      const others = Object.entries(markers).filter(([author]) => author !== name);
      const bodies: string[] = [];
      const probe = async (method: Method, url: string, payload?: object) =>
        bodies.push((await call(who, method, url, payload)).body);
      await probe('GET', `/api/v1/ideation-rounds/${round.id}`);
      await probe('GET', `/api/v1/ideation-rounds/${round.id}/ideas`);
      await probe('GET', `/api/v1/ideation-rounds/${round.id}/export`);
      await probe('GET', '/api/v1/events?follow=false&lastEventId=0');
      await probe('GET', '/api/v1/inbox');
      for (const [author, text] of others) {
        await probe('GET', `/api/v1/search?q=${text}`);
        const other = ideas[author]!.id;
        await probe('PATCH', `/api/v1/ideas/${other}`, { text: 'overwrite' });
        await probe('PUT', `/api/v1/ideas/${other}/dots`, { dots: 1 });
        await probe('POST', `/api/v1/ideas/${other}/promote`, { to: 'thread' });
        await probe('POST', `/api/v1/ideation-rounds/${round.id}/ideas`, { text: 'x', buildsOn: other });
      }
      const seen = bodies.join('\n');
      for (const [, text] of others) expect(seen, `${name} saw ${text}`).not.toContain(text);
      const own = await ok<{ items: Idea[] }>(who, 'GET', `/api/v1/ideation-rounds/${round.id}/ideas`);
      if (name in markers) {
        expect(own.items.map((i) => i.text).join()).toContain(markers[name]);
        expect(own.items.every((i) => i.mine && i.dots === null)).toBe(true);
      } else expect(own.items).toEqual([]);
    }
    // Another person's idea answers like an id that does not exist.
    const foreign = await call(ben, 'PATCH', `/api/v1/ideas/${ideas.ana!.id}`, { text: 'mine now' });
    const missing = await call(ben, 'PATCH', '/api/v1/ideas/00000000-0000-0000-0000-000000000000', {
      text: 'x',
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json<{ detail: string }>().detail).toBe(missing.json<{ detail: string }>().detail);
    // After the reveal everyone sees every idea, named.
    clock.set(utc('2027-01-05T18:00:00Z'));
    const all = await ok<{ items: Idea[] }>(team.admin, 'GET', `/api/v1/ideation-rounds/${round.id}/ideas`);
    const text = all.items.map((i) => i.text).join();
    for (const m of Object.values(markers)) expect(text).toContain(m);
    expect(all.items.find((i) => i.text.includes(markers.ben!))!.author!.id).toBe(ben.id);
  });

  it('limits dots to the round’s number, one per idea unless stacking, and orders results by dots', async () => {
    clock.set(utc('2027-01-06T12:00:00Z'));
    const round = await open(ana, { participantIds: [ben.id, team.member.id], windowHours: 1 });
    const a = await submit(ana, round.id, 'A');
    clock.advance(1000); // ties are broken by the earlier idea
    const b = await submit(ben, round.id, 'B');
    clock.advance(1000);
    const c = await submit(team.member, round.id, 'C');
    expect((await call(ana, 'PUT', `/api/v1/ideas/${a.id}/dots`, { dots: 1 })).json()).toMatchObject({
      code: 'ideation_phase',
    });
    clock.set(utc('2027-01-06T15:00:00Z'));
    const d = await submit(ben, round.id, 'D builds on A', { buildsOn: a.id });
    const stacked = await call(ana, 'PUT', `/api/v1/ideas/${b.id}/dots`, { dots: 2 });
    expect(stacked.statusCode).toBe(409);
    expect(stacked.json()).toMatchObject({ code: 'dots_exhausted' });
    for (const idea of [b, c, d]) await ok(ana, 'PUT', `/api/v1/ideas/${idea.id}/dots`, { dots: 1 });
    const fourth = await call(ana, 'PUT', `/api/v1/ideas/${a.id}/dots`, { dots: 1 });
    expect(fourth.json()).toMatchObject({ code: 'dots_exhausted' });
    // Taking one back frees it.
    await ok(ana, 'DELETE', `/api/v1/ideas/${c.id}/dots`);
    await ok(ana, 'PUT', `/api/v1/ideas/${a.id}/dots`, { dots: 1 });
    await ok(ben, 'PUT', `/api/v1/ideas/${d.id}/dots`, { dots: 1 });
    const outsider = await call(team.admin, 'PUT', `/api/v1/ideas/${a.id}/dots`, { dots: 1 });
    expect(outsider.statusCode).toBe(403);
    const results = await ok<{ items: Idea[] }>(
      team.member,
      'GET',
      `/api/v1/ideation-rounds/${round.id}/ideas`,
    );
    expect(results.items.map((i) => [i.text, i.dots])).toEqual([
      ['D builds on A', 2],
      ['A', 1],
      ['B', 1],
      ['C', 0],
    ]);
    expect((await ok<Round>(ana, 'GET', `/api/v1/ideation-rounds/${round.id}`)).myDotsLeft).toBe(0);
    // A stacking round lets one idea take several.
    const stacking = await open(ana, {
      participantIds: [ben.id],
      windowHours: 1,
      allowStacking: true,
      dotsPerPerson: 3,
    });
    const s = await submit(ben, stacking.id, 'S');
    clock.set(utc('2027-01-06T17:00:00Z'));
    expect((await ok<Idea>(ana, 'PUT', `/api/v1/ideas/${s.id}/dots`, { dots: 3 })).dots).toBe(3);
    expect((await call(ana, 'PUT', `/api/v1/ideas/${s.id}/dots`, { dots: 4 })).statusCode).toBe(409);
  });

  it('promotes an idea into a thread once, and then still into a decision', async () => {
    clock.set(utc('2027-01-07T12:00:00Z'));
    const round = await open(ana, { participantIds: [ben.id], windowHours: 1 });
    const idea = await submit(ben, round.id, 'Write an onboarding checklist');
    // Before the reveal: its author is told to wait; anyone else cannot even see it.
    expect((await call(ben, 'POST', `/api/v1/ideas/${idea.id}/promote`, { to: 'thread' })).statusCode).toBe(
      409,
    );
    expect((await call(ana, 'POST', `/api/v1/ideas/${idea.id}/promote`, { to: 'thread' })).statusCode).toBe(
      404,
    );
    clock.set(utc('2027-01-07T15:00:00Z'));
    const promoted = await ok<{ threadId: string }>(
      ana,
      'POST',
      `/api/v1/ideas/${idea.id}/promote`,
      { to: 'thread' },
      201,
    );
    const posts = await ok<{ items: { markdown: string }[] }>(
      ana,
      'GET',
      `/api/v1/threads/${promoted.threadId}/posts`,
    );
    expect(posts.items[0]!.markdown).toContain('Write an onboarding checklist');
    expect(posts.items[0]!.markdown).toContain(round.id);
    expect((await call(ana, 'POST', `/api/v1/ideas/${idea.id}/promote`, { to: 'thread' })).statusCode).toBe(
      409,
    );
    // Promotion into a decision is installed (ideation-promote-decision.routes.test.ts covers it).
    const decision = await call(ana, 'POST', `/api/v1/ideas/${idea.id}/promote`, { to: 'decision' });
    expect(decision.statusCode, decision.body).toBe(201);
  });

  it('never names an author of an anonymous round after the reveal, while authors still see and edit their own', async () => {
    clock.set(utc('2027-01-08T12:00:00Z'));
    const round = await open(team.owner, {
      participantIds: [ana.id, ben.id, team.member.id],
      windowHours: 1,
      anonymous: true,
    });
    const authors = [ana, ben, team.member];
    const ideas = [];
    for (const who of authors) ideas.push(await submit(who, round.id, marker('anon')));
    clock.set(utc('2027-01-08T16:00:00Z'));
    await scheduler.runDue();
    const people = await ctx
      .database()
      .db.selectFrom('people')
      .select(['id', 'email', 'displayName'])
      .where(
        'id',
        'in',
        authors.map((a) => a.id),
      )
      .execute();
    await ok(ben, 'PUT', `/api/v1/ideas/${ideas[0]!.id}/dots`, { dots: 1 });
    const edited = await ok<Idea>(ana, 'PATCH', `/api/v1/ideas/${ideas[0]!.id}`, {
      text: 'Edited after the reveal',
    });
    expect(edited).toMatchObject({ mine: true, author: null });
    const promoted = await ok<{ threadId: string }>(
      team.owner,
      'POST',
      `/api/v1/ideas/${ideas[1]!.id}/promote`,
      { to: 'thread' },
      201,
    );
    for (const viewer of [team.owner, team.admin, ...authors]) {
      const bodies = [
        (await call(viewer, 'GET', `/api/v1/ideation-rounds/${round.id}`)).body,
        (await call(viewer, 'GET', `/api/v1/ideation-rounds/${round.id}/ideas`)).body,
        (await call(viewer, 'GET', `/api/v1/ideation-rounds/${round.id}/export`)).body,
        (await call(viewer, 'GET', `/api/v1/threads/${promoted.threadId}/posts`)).body,
        (await call(viewer, 'GET', '/api/v1/events?follow=false&lastEventId=0')).body,
      ];
      const list = JSON.parse(bodies[1]!) as { items: Idea[] };
      expect(list.items).toHaveLength(3);
      expect(list.items.filter((i) => i.mine)).toHaveLength(authors.some((a) => a.id === viewer.id) ? 1 : 0);
      const exported = JSON.parse(bodies[2]!) as { csv: string };
      expect(exported.csv.split('\r\n')[0]).toBe('rank,dots,idea,builds_on');
      for (const author of people) {
        // Events are each viewer's own: their own id may appear there (e.g. as the recipient).
        const scanned = viewer.id === author.id ? bodies.slice(0, 4) : bodies;
        for (const body of scanned) {
          expect(body).not.toContain(author.id);
          expect(body).not.toContain(author.email);
          expect(body).not.toContain(`"${author.displayName}"`);
        }
      }
    }
  });
});
