// Scratch-thread expiry against the jobs that still name its rows (issue 6), on both databases: a scratch
// thread with a held delivery, an open ask, an open decision (its close and reminders) and a digest
// expires first; the scheduler then runs past every one of those jobs' due times. Each handler must find
// its subject gone and complete: no job fails or stays to retry, and nothing about the thread comes back.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import type { SmtpSink } from '../../../test/smtp-sink.js';
import { createSmtpMailer } from '../../platform/mail/smtp-mailer.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import { createTestClock } from '../../shared/clock.js';

const utc = (iso: string) => Date.parse(iso);

describeEachDialect('scratch expiry and queued jobs', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  let smtp: SmtpSink;
  let mailer: ReturnType<typeof createSmtpMailer>;
  // Friday 12 March 2027, 12:00 UTC: a one-day scratch thread expires on Saturday, before the weekend ends.
  const clock = createTestClock({ start: utc('2027-03-12T12:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let channelId: string;
  const db = () => ctx.database().db;

  type Method = 'GET' | 'PUT' | 'POST';
  const call = (who: TestPerson, method: Method, url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  async function ok<T>(who: TestPerson, method: Method, url: string, payload?: object, status = 200) {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
    return response.json<T>();
  }
  const setRhythm = (p: TestPerson, days: string[]) =>
    ok(p, 'PUT', '/api/v1/me/rhythm', {
      rhythm: {
        timeZone: 'UTC',
        week: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
            d,
            days.includes(d) ? ['09:00-17:00'] : [],
          ]),
        ),
      },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });

  /** Runs every job due by `until`, in due order, moving the clock; the failures seen. */
  async function runUntil(until: number): Promise<number> {
    let failed = 0;
    for (;;) {
      const next = await db()
        .selectFrom('scheduledJobs')
        .select('dueAt')
        .where('state', '=', 'pending')
        .where('dueAt', '<=', until)
        .orderBy('dueAt')
        .limit(1)
        .executeTakeFirst();
      if (!next) break;
      clock.set(Math.max(clock.now(), Number(next.dueAt)));
      failed += (await scheduler.runDue()).failed;
    }
    clock.set(until);
    return failed;
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    mailer = createSmtpMailer(smtp.url, 'Meanwhile <meanwhile@example.com>');
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      mail: { mailer, publicUrl: 'https://mw.example.com' },
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(db());
    // The owner works weekdays; the member and the admin (who only reads) on Mondays only, so that what
    // reaches them waits for Monday.
    await setRhythm(team.owner, ['mon', 'tue', 'wed', 'thu', 'fri']);
    await setRhythm(team.member, ['mon']);
    await setRhythm(team.admin, ['mon']);
    channelId = (
      await ok<{ id: string }>(
        team.owner,
        'POST',
        '/api/v1/channels',
        { name: 'musings', visibility: 'public' },
        201,
      )
    ).id;
  });
  afterAll(async () => {
    await app.close();
    mailer.close();
    await smtp.close();
  });

  it('completes every job of an expired scratch thread without failing, retrying or bringing anything back', async () => {
    const started = await ok<{ thread: { id: string; scratch: { expiresAt: string } } }>(
      team.owner,
      'POST',
      `/api/v1/channels/${channelId}/scratch-threads`,
      {
        title: 'Half a thought',
        markdown: 'What if we…',
        participantIds: [team.member.id, team.admin.id],
        days: 1,
      },
      201,
    );
    const threadId = started.thread.id;
    const expiresAt = Date.parse(started.thread.scratch.expiresAt);
    const reply = await ok<{ id: string }>(
      team.member,
      'POST',
      `/api/v1/threads/${threadId}/posts`,
      { markdown: 'Could you weigh in?', asks: [{ personId: team.owner.id, level: 'normal' }] },
      201,
    );
    // The member opens the decision: a reply of the owner's in the thread would answer the ask.
    const decision = await ok<{ id: string; closesAt: { at: string } }>(
      team.member,
      'POST',
      `/api/v1/threads/${threadId}/decisions`,
      { question: 'Try it for a week?', mode: 'consent', requiredIds: [team.owner.id, team.member.id] },
      201,
    );
    const [ask] = await db()
      .selectFrom('asks')
      .select(['id', 'dueAt'])
      .where('postId', '=', reply.id)
      .execute();
    // The ask is due Wednesday (24 of the owner's working hours); the decision closes with the member's
    // 16th hour, the Monday after next; the member's deliveries wait for Monday: all after the expiry.
    expect(Number(ask!.dueAt)).toBe(utc('2027-03-17T12:00:00Z'));
    expect(decision.closesAt.at).toBe('2027-03-22T17:00:00.000Z');

    expect(await runUntil(expiresAt)).toBe(0);
    const mailedBefore = smtp.received.length;
    expect((await call(team.owner, 'GET', `/api/v1/threads/${threadId}`)).statusCode).toBe(404);
    const pending = await db()
      .selectFrom('scheduledJobs')
      .select(['kind', 'subjectId'])
      .where('state', '=', 'pending')
      .where('workspaceId', '=', team.workspaceId)
      .execute();
    const kinds = new Set(pending.map((j) => j.kind));
    // The expiry left these jobs queued: each names rows that are gone.
    for (const kind of ['ask.remind', 'decision.close', 'decision.remind', 'delivery.release'])
      expect(kinds, kind).toContain(kind);
    expect(pending.some((j) => j.kind === 'ask.remind' && j.subjectId === ask!.id)).toBe(true);

    expect(await runUntil(utc('2027-03-29T00:00:00Z'))).toBe(0);
    const jobs = await db()
      .selectFrom('scheduledJobs')
      .select(['kind', 'state', 'lastError', 'attempts'])
      .where('workspaceId', '=', team.workspaceId)
      .execute();
    expect(
      jobs.filter((j) => j.state !== 'done' || j.lastError !== null || Number(j.attempts) !== 1),
    ).toEqual([]);
    expect(jobs.map((j) => j.kind)).toEqual(expect.arrayContaining([...kinds]));
    // Nothing came back: no thread, post, delivery (no reminder), ask or decision of the thread, and no
    // mail sent after the expiry mentions it.
    const count = async (table: 'threads' | 'posts' | 'deliveries' | 'asks' | 'decisions', column: string) =>
      (
        await db()
          .selectFrom(table)
          .select(column as never)
          .where(column as never, '=', threadId as never)
          .execute()
      ).length;
    expect({
      threads: await count('threads', 'id'),
      posts: await count('posts', 'threadId'),
      deliveries: await count('deliveries', 'threadId'),
      asks: await count('asks', 'threadId'),
      decisions: await count('decisions', 'threadId'),
      participants: (
        await db()
          .selectFrom('decisionParticipants')
          .selectAll()
          .where('decisionId', '=', decision.id)
          .execute()
      ).length,
    }).toEqual({ threads: 0, posts: 0, deliveries: 0, asks: 0, decisions: 0, participants: 0 });
    expect(smtp.received.slice(mailedBefore).filter((m) => m.text.includes('Half a thought'))).toEqual([]);
  });
});
