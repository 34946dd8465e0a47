// Digests report check-in rounds and decisions, against a real SMTP server, on both databases, driven by the
// test clock and the app's scheduler: a closed round's team figures and blockers reach every participant
// (never who answered or not), a decision closed since the last digest reaches its participants only, and
// neither appears in a digest before it closed. Everyone works 09:00–17:00 in Berlin (CET = UTC+1, January
// 2027); digests go out at 09:00 local (08:00Z), the agreement's default.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import type { SmtpSink } from '../../../test/smtp-sink.js';
import { createTestClock } from '../../shared/clock.js';
import { createSmtpMailer } from '../../platform/mail/smtp-mailer.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';

const utc = (iso: string) => Date.parse(iso);
const hours = ['09:00-17:00'];
const week = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours };

describeEachDialect('digests with check-in rounds and decisions', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  let smtp: SmtpSink;
  let mailer: ReturnType<typeof createSmtpMailer>;
  // Monday 11 January 2027, 10:00Z = 11:00 in Berlin.
  const clock = createTestClock({ start: utc('2027-01-11T10:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let ana: TestPerson, ben: TestPerson, cleo: TestPerson;
  const names = { ana: 'Ana Answerer', ben: 'Ben Blocker', cleo: 'Cleo Silent' };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    mailer = createSmtpMailer(smtp.url, 'Meanwhile <meanwhile@example.com>');
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      mail: { mailer, publicUrl: 'https://mw.example.com' },
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(ctx.database().db);
    await rhythm(team.owner);
    ana = await person(names.ana);
    ben = await person(names.ben);
    cleo = await person(names.cleo);
  });
  afterAll(async () => {
    await app.close();
    mailer.close();
    await smtp.close();
  });

  function call(who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
    return app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  }
  async function ok<T>(who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json<T>();
  }
  async function rhythm(p: TestPerson) {
    await ok(p, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone: 'Europe/Berlin', week },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
  }
  async function person(displayName: string) {
    const p = await createPerson(ctx.database().db, team.workspaceId);
    await ctx.database().db.updateTable('people').set({ displayName }).where('id', '=', p.id).execute();
    await rhythm(p);
    return p;
  }
  const mailsTo = (p: TestPerson) =>
    smtp.received
      .filter((m) => m.envelope.to.includes(`${p.id}@example.com`))
      .map((m) => ({ ...m, text: m.text.replace(/\r\n/g, '\n') }));
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

  it('sends each participant the round’s team figures and blockers, and the decisions they took part in', async () => {
    const channel = await ok<{ id: string }>(team.owner, 'POST', '/api/v1/channels', {
      name: 'team',
      visibility: 'public',
    });
    const thread = async (title: string) =>
      (
        await ok<{ thread: { id: string } }>(team.owner, 'POST', `/api/v1/channels/${channel.id}/threads`, {
          title,
          markdown: 'Here.',
        })
      ).thread.id;
    // Asked on Mondays at 12:00 local (11:00Z, inside everyone's hours); the round closes Tuesday 11:00Z.
    const checkin = await ok<{ id: string }>(team.owner, 'POST', '/api/v1/checkins', {
      threadId: await thread('Daily check-in'),
      title: 'Daily',
      questions: [{ text: 'What did you finish?' }, { text: 'What is in your way?', isBlocker: true }],
      weekdays: ['mon'],
      localTime: '12:00',
      participantIds: [ana.id, ben.id, cleo.id],
    });
    const decision = await ok<{ id: string }>(
      team.owner,
      'POST',
      `/api/v1/threads/${await thread('Release')}/decisions`,
      { question: 'Ship on Friday?', mode: 'consent', requiredIds: [ana.id, ben.id] },
    );
    await runUntil(utc('2027-01-11T11:00:00Z'));
    await ok(ana, 'POST', `/api/v1/checkins/${checkin.id}/answers`, {
      answers: ['Shipped the importer', 'Waiting for the staging database'],
    });
    await ok(ben, 'POST', `/api/v1/checkins/${checkin.id}/answers`, { answers: ['Docs', 'nothing'] });
    await ok(ana, 'PUT', `/api/v1/decisions/${decision.id}/response`, { kind: 'consent' });
    await ok(ben, 'PUT', `/api/v1/decisions/${decision.id}/response`, { kind: 'consent' });

    // Tuesday 09:00 local: the round and the decision are still open; neither is in the digest.
    await runUntil(utc('2027-01-12T08:00:00Z'));
    const tuesday = mailsTo(cleo);
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0]!.text).toContain('check-in: questions for you to answer');
    expect(tuesday[0]!.text).not.toContain('Check-in: Daily');
    expect(
      mailsTo(ana)
        .map((m) => m.text)
        .join('\n'),
    ).not.toContain('Decision: Ship on Friday?');

    // The decider closes early at 12:00Z (everyone responded); the round closes at 11:00Z.
    await runUntil(utc('2027-01-12T12:00:00Z'));
    await ok(team.owner, 'POST', `/api/v1/decisions/${decision.id}/close`);
    await runUntil(utc('2027-01-13T07:59:59Z'));
    expect(mailsTo(cleo)).toHaveLength(1);

    // Wednesday 09:00 local.
    await runUntil(utc('2027-01-13T08:00:00Z'));
    for (const who of [ana, ben, cleo]) {
      const mails = mailsTo(who);
      expect(mails).toHaveLength(2);
      const { text, html } = mails[1]!;
      expect(text).toContain(
        '* Check-in: Daily — 2027-01-11\n  2 of 3 answered\n  blocker: Waiting for the staging database',
      );
      expect(html).toContain('blocker: Waiting for the staging database');
      // Only blockers and figures: no other answer, no "nothing", and nobody's name but the greeting's.
      expect(text).not.toContain('Shipped the importer');
      expect(text).not.toMatch(/blocker: nothing/);
      const others = Object.values(names).filter((n) => !text.startsWith(`Hello ${n},`));
      for (const name of others) expect(text).not.toContain(name);
    }
    for (const who of [ana, ben])
      expect(mailsTo(who)[1]!.text).toContain(
        '* Decision: Ship on Friday?\n  outcome: adopted (nobody blocked)\n  closed tue 2027-01-12 13:00',
      );
    // Cleo took part in the check-in, not in the decision.
    expect(mailsTo(cleo)[1]!.text).not.toContain('Decision:');
    const [, cleoSend] = await ctx
      .database()
      .db.selectFrom('digestSends')
      .select(['itemCount', 'state'])
      .where('personId', '=', cleo.id)
      .orderBy('slotAt')
      .execute();
    expect(cleoSend).toEqual({ itemCount: 1, state: 'sent' });
  });
});
