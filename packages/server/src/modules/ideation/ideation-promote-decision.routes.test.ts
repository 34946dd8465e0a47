// Promotion of an idea into a decision (issue 6) on both databases, through the app as built: a consent
// decision decided by the promoter, with the promoter and the round's participants who can still see the
// thread as required participants, a fair close computed by hand over their own working hours, opened in
// the round's thread or in a new thread titled from the idea.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';

const utc = (iso: string) => Date.parse(iso);
const weekdays = (hours: string[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});

interface Decision {
  id: string;
  threadId: string;
  channelId: string;
  question: string;
  mode: string;
  deciderId: string;
  openedBy: string;
  windowHours: number;
  state: string;
  closesAt: { at: string };
  closeSetBy: string | null;
  participants: { personId: string; isRequired: boolean }[];
}

describeEachDialect('ideation: promotion into a decision', (ctx) => {
  let app: FastifyInstance;
  // Monday 11 January 2027, 12:00 UTC: 13:00 in Berlin, 07:00 in New York.
  const clock = createTestClock({ start: utc('2027-01-11T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let ana: TestPerson;
  let ben: TestPerson;
  let channelId: string;

  type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  const call = (who: TestPerson, method: Method, url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  async function ok<T>(who: TestPerson, method: Method, url: string, payload?: object, status = 200) {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
    return (response.body === '' ? undefined : response.json()) as T;
  }
  const setRhythm = (p: TestPerson, timeZone: string) =>
    ok(p, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week: weekdays(['09:00-17:00']) },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
  /** A round by Ana with Ben and the member, revealed, with one idea of Ben's. */
  async function revealedIdea(start: string, text: string, threadId?: string) {
    clock.set(utc(start));
    const round = await ok<{ id: string }>(
      ana,
      'POST',
      '/api/v1/ideation-rounds',
      {
        channelId,
        prompt: 'What should we decide next?',
        participantIds: [ben.id, team.member.id],
        windowHours: 1,
        ...(threadId ? { threadId } : {}),
      },
      201,
    );
    const idea = await ok<{ id: string }>(
      ben,
      'POST',
      `/api/v1/ideation-rounds/${round.id}/ideas`,
      { text },
      201,
    );
    return { round, idea };
  }

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, { testClock: clock }));
    team = await createTeam(ctx.database().db);
    for (const p of [team.owner, team.admin, team.member]) await setRhythm(p, 'UTC');
    ana = await createPerson(ctx.database().db, team.workspaceId);
    ben = await createPerson(ctx.database().db, team.workspaceId);
    await setRhythm(ana, 'Europe/Berlin');
    await setRhythm(ben, 'America/New_York');
    channelId = (
      await ok<{ id: string }>(
        team.owner,
        'POST',
        '/api/v1/channels',
        { name: 'decide-ideas', visibility: 'private' },
        201,
      )
    ).id;
    for (const p of [ana, ben, team.member])
      await ok(team.owner, 'PUT', `/api/v1/channels/${channelId}/members/${p.id}`, undefined, 204);
  });
  afterAll(() => app.close());

  it('opens a consent decision in a new thread titled from the idea, closing fairly over who can still see it', async () => {
    const text = 'Adopt a written onboarding checklist\nWith a buddy for the first week.';
    const { idea } = await revealedIdea('2027-01-11T12:00:00Z', text);
    // The member leaves the private channel after the round: they can no longer see its threads.
    await ok(team.owner, 'DELETE', `/api/v1/channels/${channelId}/members/${team.member.id}`, undefined, 204);
    // Tuesday 12:00Z, after the reveal (Monday 15:00Z, Ben's first working hour's end).
    clock.set(utc('2027-01-12T12:00:00Z'));
    const promoted = await ok<{ to: string; threadId: string | null; decisionId: string | null }>(
      ana,
      'POST',
      `/api/v1/ideas/${idea.id}/promote`,
      { to: 'decision' },
      201,
    );
    expect(promoted.to).toBe('decision');
    expect(promoted.threadId).toEqual(expect.any(String));
    const decision = await ok<Decision>(ana, 'GET', `/api/v1/decisions/${promoted.decisionId}`);
    expect(decision).toMatchObject({
      threadId: promoted.threadId,
      channelId,
      question: text,
      mode: 'consent',
      deciderId: ana.id,
      openedBy: ana.id,
      windowHours: 16, // the agreement's default decision window
      state: 'open',
    });
    expect(
      decision.participants.map((p) => [p.personId, p.isRequired]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    ).toEqual(
      [
        [ana.id, true],
        [ben.id, true],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    // 16 working hours from Tuesday 12:00Z. Ana (Berlin, 08:00–16:00Z): 4 h Tuesday, 8 h Wednesday, 4 h
    // Thursday: Thursday 12:00Z. Ben (New York, 14:00–22:00Z): 8 h Tuesday, 8 h Wednesday: Wednesday 22:00Z.
    expect(decision.closesAt.at).toBe('2027-01-14T12:00:00.000Z');
    expect(decision.closeSetBy).toBe(ana.id);
    const thread = await ok<{ title: string; channelId: string }>(
      ana,
      'GET',
      `/api/v1/threads/${promoted.threadId}`,
    );
    expect(thread).toEqual(
      expect.objectContaining({ title: 'Adopt a written onboarding checklist', channelId }),
    );
    const inThread = await ok<{ items: { id: string }[] }>(
      ben,
      'GET',
      `/api/v1/threads/${promoted.threadId}/decisions`,
    );
    expect(inThread.items.map((d) => d.id)).toEqual([promoted.decisionId]);
    // Ben, a required participant, may respond; the member, no longer able to see the thread, cannot find it.
    await ok(ben, 'PUT', `/api/v1/decisions/${decision.id}/response`, { kind: 'consent' });
    expect((await call(team.member, 'GET', `/api/v1/decisions/${decision.id}`)).statusCode).toBe(404);
    await ok(team.owner, 'PUT', `/api/v1/channels/${channelId}/members/${team.member.id}`, undefined, 204);
  });

  it('opens the decision in the round’s own thread when it has one', async () => {
    clock.set(utc('2027-01-18T12:00:00Z'));
    const started = await ok<{ thread: { id: string } }>(
      ana,
      'POST',
      `/api/v1/channels/${channelId}/threads`,
      { title: 'Planning 2027', markdown: 'Let us gather ideas.' },
      201,
    );
    const { idea } = await revealedIdea(
      '2027-01-18T12:00:00Z',
      'Quarterly planning in writing',
      started.thread.id,
    );
    clock.set(utc('2027-01-19T12:00:00Z'));
    const promoted = await ok<{ threadId: string; decisionId: string }>(
      ben,
      'POST',
      `/api/v1/ideas/${idea.id}/promote`,
      { to: 'decision' },
      201,
    );
    expect(promoted.threadId).toBe(started.thread.id);
    const decision = await ok<Decision>(ben, 'GET', `/api/v1/decisions/${promoted.decisionId}`);
    expect(decision).toMatchObject({ threadId: started.thread.id, deciderId: ben.id, mode: 'consent' });
    expect(
      decision.participants
        .filter((p) => p.isRequired)
        .map((p) => p.personId)
        .sort(),
    ).toEqual([ana.id, ben.id, team.member.id].sort());
    // Ana and the member both reach their 16th hour on Thursday 12:00Z; Ben his on Wednesday 22:00Z.
    expect(decision.closesAt.at).toBe('2027-01-21T12:00:00.000Z');
    const threads = await ok<{ items: { id: string }[] }>(
      ana,
      'GET',
      `/api/v1/channels/${channelId}/threads`,
    );
    expect(threads.items.filter((t) => t.id === promoted.threadId)).toHaveLength(1);
  });
});
