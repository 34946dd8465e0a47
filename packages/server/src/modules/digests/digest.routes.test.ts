// Digests against a real SMTP server started here, on both databases, driven by the test clock and the
// app's scheduler: content, count, header injection, the one-click unsubscribe, the opt-out, and exactly
// one mail per person and slot with retried jobs and with two apps running due jobs on one database.
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
import { digestJobKind } from './digest.service.js';

const utc = (iso: string) => Date.parse(iso);
const nine2five = ['09:00-17:00'];
const week = { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five };

describeEachDialect('digests', (ctx) => {
  let app: FastifyInstance;
  let second: FastifyInstance;
  let scheduler: Scheduler;
  let otherScheduler: Scheduler;
  let smtp: SmtpSink;
  let mailer: ReturnType<typeof createSmtpMailer>;
  const clock = createTestClock({ start: utc('2027-01-11T10:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let channelId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    mailer = createSmtpMailer(smtp.url, 'Meanwhile <meanwhile@example.com>');
    const mail = { mailer, publicUrl: 'https://mw.example.com' };
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      mail,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    // A second app on the same database: another process's scheduler, services and caches.
    ({ app: second } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      mail,
      onBackground: (b) => (otherScheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(ctx.database().db);
    const channel = await call(team.owner, 'POST', '/api/v1/channels', {
      name: 'general',
      visibility: 'public',
    });
    channelId = channel.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await app.close();
    await second.close();
    mailer.close();
    await smtp.close();
  });

  function call(who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
    return app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  }
  async function person(timeZone: string) {
    const p = await createPerson(ctx.database().db, team.workspaceId);
    const response = await call(p, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    expect(response.statusCode, response.body).toBe(200);
    return p;
  }
  async function post(author: TestPerson, body: object) {
    const response = await call(author, 'POST', `/api/v1/channels/${channelId}/threads`, {
      title: 'Plan',
      markdown: 'Hello',
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  const emailOf = (p: TestPerson) => `${p.id}@example.com`; // as test/factories.ts makes it
  const mailsTo = (p: TestPerson) => smtp.received.filter((m) => m.envelope.to.includes(emailOf(p)));
  async function sendsOf(p: TestPerson) {
    return ctx
      .database()
      .db.selectFrom('digestSends')
      .selectAll()
      .where('personId', '=', p.id)
      .orderBy('slotAt')
      .execute();
  }

  it('sends one digest at 09:00 local with threads, asks due in their time and interrupts, all escaped', async () => {
    const ana = await person('Europe/Berlin');
    const sam = await person('Europe/Berlin');
    const db = ctx.database().db;
    await db
      .updateTable('people')
      .set({ displayName: 'Sam\r\nBcc: evil@example.com\r\nX-Injected: 1' })
      .where('id', '=', sam.id)
      .execute();
    await db
      .updateTable('workspaces')
      .set({ name: 'Acme\r\nBcc: boss@example.com' })
      .where('id', '=', team.workspaceId)
      .execute();
    clock.set(utc('2027-01-11T10:00:00Z')); // Monday 11:00 in Berlin: delivered at once
    await post(ana, { title: 'Roadmap\r\nBcc: evil2@example.com', mentions: [sam.id] });
    await post(ana, { title: 'Budget \u202Egnp.exe', asks: [{ personId: sam.id, level: 'today' }] });
    await post(ana, {
      title: '<script>alert(1)</script>',
      mentions: [sam.id],
      interrupt: { reason: 'Prod <b>down</b>', emergency: false },
    });
    clock.set(utc('2027-01-12T07:59:59.999Z'));
    await scheduler.runDue();
    expect(mailsTo(sam)).toHaveLength(0);
    clock.set(utc('2027-01-12T08:00:00Z')); // Tuesday 09:00 in Berlin
    await scheduler.runDue();
    const mails = mailsTo(sam);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.envelope.to).toEqual([emailOf(sam)]);
    // No injected header line, no extra recipient; display name and subject travel encoded.
    expect(mail.headerLines.filter((l) => /^(bcc|x-injected|cc):/i.test(l))).toEqual([]);
    expect(mail.raw).not.toMatch(/\r\nBcc:/i);
    expect(mail.header('To')).toContain(`<${emailOf(sam)}>`);
    expect(mail.header('Subject')).toMatch(/^=\?UTF-8\?/i);
    expect(mail.header('List-Unsubscribe')).toMatch(/^<https:\/\/mw\.example\.com\/unsubscribe\/[\w-]{43}>$/);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(mail.text).toContain('Roadmap Bcc: evil2@example.com');
    expect(mail.text).toContain('Budget gnp.exe');
    expect(mail.text).not.toContain('\u202E');
    // A `today` ask delivered Monday 11:00 is due four working hours later, 15:00 Berlin.
    expect(mail.text).toMatch(/asks you \(today\), due mon 2027-01-11 15:00/);
    expect(mail.text).toContain('interrupt: Prod <b>down</b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Prod &lt;b&gt;down&lt;/b&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Roadmap Bcc: evil2@example.com');
    const [send] = await sendsOf(sam);
    expect(send).toMatchObject({ state: 'sent', itemCount: 3, slotAt: utc('2027-01-12T08:00:00Z') });
    expect(send!.messageId).toBe(mail.header('Message-ID'));
    // Nothing more to send, and a retried job for the same slot sends nothing.
    await scheduler.runDue();
    const subjectId = `${team.workspaceId}:${sam.id}:${utc('2027-01-12T08:00:00Z')}`;
    await scheduler.ensureScheduled(db, {
      kind: digestJobKind,
      subjectId,
      workspaceId: team.workspaceId,
      dueAt: clock.now(),
    });
    expect((await scheduler.runDue()).done).toBe(1);
    expect(mailsTo(sam)).toHaveLength(1);
    expect(mailsTo(ana)).toHaveLength(0);
  });

  it('moves a digest time outside working hours to the next start of work, and reports only what is new', async () => {
    const ana = await person('Europe/Berlin');
    const kai = await person('America/New_York');
    clock.set(utc('2027-01-12T15:00:00Z')); // Tuesday 10:00 in New York
    await post(ana, { title: 'First', mentions: [kai.id] });
    clock.set(utc('2027-01-13T14:00:00Z')); // Wednesday 09:00 in New York
    await scheduler.runDue();
    expect(mailsTo(kai)).toHaveLength(1);
    clock.set(utc('2027-01-13T15:00:00Z'));
    await post(ana, { title: 'Second', mentions: [kai.id] });
    clock.set(utc('2027-01-14T14:00:00Z'));
    await scheduler.runDue();
    const mails = mailsTo(kai);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain('Second');
    expect(mails[1]!.text).not.toContain('First');
    // Friday evening: the next digest time, Saturday 09:00, is outside working hours: Monday 09:00.
    clock.set(utc('2027-01-15T23:00:00Z')); // Friday 18:00 in New York: held until Monday 09:00
    await post(ana, { title: 'Weekend', mentions: [kai.id], interrupt: { reason: 'Needs you' } });
    const pending = await ctx
      .database()
      .db.selectFrom('scheduledJobs')
      .select('dueAt')
      .where('kind', '=', digestJobKind)
      .where('subjectId', 'like', `%:${kai.id}:%`)
      .where('state', '=', 'pending')
      .execute();
    expect(pending.map((j) => j.dueAt)).toEqual([utc('2027-01-18T14:00:00Z')]);
  });

  it('unsubscribes with the one-click link, without login, and sends no further digest', async () => {
    const ana = await person('Europe/Berlin');
    const lea = await person('Europe/Berlin');
    clock.set(utc('2027-01-18T10:00:00Z'));
    await post(ana, { title: 'Hello Lea', mentions: [lea.id] });
    clock.set(utc('2027-01-19T08:00:00Z'));
    await scheduler.runDue();
    const [mail] = mailsTo(lea);
    const link = /^<https:\/\/mw\.example\.com(\/unsubscribe\/[\w-]+)>$/.exec(
      mail!.header('List-Unsubscribe')!,
    )![1]!;
    const page = await app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect((await call(lea, 'GET', '/api/v1/me/digest')).json()).toEqual({ enabled: true });
    const wrong = await app.inject({
      method: 'POST',
      url: '/unsubscribe/not-a-token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(wrong.statusCode).toBe(404);
    const done = await app.inject({
      method: 'POST',
      url: link,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await call(lea, 'GET', '/api/v1/me/digest')).json()).toEqual({ enabled: false });
    clock.set(utc('2027-01-19T10:00:00Z'));
    await post(ana, { title: 'Again', mentions: [lea.id] });
    clock.set(utc('2027-01-20T08:00:00Z'));
    await scheduler.runDue();
    expect(mailsTo(lea)).toHaveLength(1);
  });

  it('honours the opt-out of GET/PUT /api/v1/me/digest', async () => {
    const ana = await person('Europe/Berlin');
    const max = await person('Europe/Berlin');
    const off = await call(max, 'PUT', '/api/v1/me/digest', { enabled: false });
    expect(off.json()).toEqual({ enabled: false });
    expect((await call(max, 'PUT', '/api/v1/me/digest', { enabled: 'no' })).statusCode).toBe(400);
    clock.set(utc('2027-01-20T10:00:00Z'));
    await post(ana, { title: 'Quiet', mentions: [max.id] });
    clock.set(utc('2027-01-21T08:00:00Z'));
    await scheduler.runDue();
    expect(mailsTo(max)).toHaveLength(0);
    expect((await call(max, 'PUT', '/api/v1/me/digest', { enabled: true })).json()).toEqual({
      enabled: true,
    });
    clock.set(utc('2027-01-21T10:00:00Z'));
    await post(ana, { title: 'Loud', mentions: [max.id] });
    clock.set(utc('2027-01-22T08:00:00Z'));
    await scheduler.runDue();
    expect(mailsTo(max)).toHaveLength(1);
    expect(mailsTo(max)[0]!.text).toContain('Loud');
  });

  it('sends exactly one digest per person and slot with two apps running due jobs, one taking over the other', async () => {
    const ana = await person('Europe/Berlin');
    const people: TestPerson[] = [];
    for (let i = 0; i < 8; i += 1) people.push(await person('Europe/Berlin'));
    clock.set(utc('2027-01-25T10:00:00Z'));
    await post(ana, { title: 'Everyone', mentions: people.map((p) => p.id) });
    clock.set(utc('2027-01-26T08:00:00Z'));
    // One app claims, its lease runs out, the other takes the same jobs over; both then run theirs.
    const stale = await scheduler.claimBatch();
    expect(stale.length).toBeGreaterThanOrEqual(people.length);
    clock.advance(scheduler.options.leaseMs + 1);
    const current = await otherScheduler.claimBatch();
    await Promise.all([scheduler.runClaimed(stale), otherScheduler.runClaimed(current)]);
    await Promise.all([scheduler.runDue(), otherScheduler.runDue()]);
    for (const p of people) {
      expect(mailsTo(p)).toHaveLength(1);
      expect((await sendsOf(p)).map((s) => s.state)).toEqual(['sent']);
    }
    // Duplicated jobs for the slots, run by both apps at once: still one mail each.
    const slotAt = utc('2027-01-26T08:00:00Z');
    for (const p of people)
      await scheduler.ensureScheduled(ctx.database().db, {
        kind: digestJobKind,
        subjectId: `${team.workspaceId}:${p.id}:${slotAt}`,
        workspaceId: team.workspaceId,
        dueAt: clock.now(),
      });
    await Promise.all([scheduler.runDue(), otherScheduler.runDue()]);
    for (const p of people) expect(mailsTo(p)).toHaveLength(1);
  });

  it('marks a send left sending by a crash as failed instead of sending it again', async () => {
    const ana = await person('Europe/Berlin');
    const zoe = await person('Europe/Berlin');
    const db = ctx.database().db;
    clock.set(utc('2027-01-27T10:00:00Z'));
    await post(ana, { title: 'Crash', mentions: [zoe.id] });
    const slotAt = utc('2027-01-28T08:00:00Z');
    // The claim committed, then the process died before the SMTP answer.
    await db
      .insertInto('digestSends')
      .values({
        id: `crash-${zoe.id}`,
        workspaceId: team.workspaceId,
        personId: zoe.id,
        slotAt,
        state: 'sending',
        itemCount: 1,
        messageId: null,
        error: null,
        unsubscribeTokenHash: null,
        claimedAt: slotAt,
        finishedAt: null,
      })
      .execute();
    clock.set(slotAt);
    await scheduler.runDue();
    expect(mailsTo(zoe)).toHaveLength(0);
    clock.set(utc('2027-01-28T09:00:00Z'));
    await scheduler.runDue();
    await post(ana, { title: 'Later', mentions: [zoe.id] });
    clock.set(utc('2027-01-29T08:00:00Z'));
    await scheduler.runDue();
    expect((await sendsOf(zoe)).map((s) => s.state)).toEqual(['failed', 'sent']);
    expect(mailsTo(zoe)).toHaveLength(1);
  });
});
