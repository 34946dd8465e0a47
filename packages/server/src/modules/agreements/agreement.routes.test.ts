import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createTeam, defaultAgreementBody } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { AgreementService } from './agreement.service.js';

describeEachDialect('the agreement', (ctx) => {
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof createTeam>>;
  beforeAll(async () => {
    app = (await buildTestApp(ctx.database())).app;
  });
  afterAll(() => app.close());

  const call = (
    who: TestPerson,
    method: 'GET' | 'PUT',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => app.inject({ method, url, headers: { ...who.headers, ...headers }, ...(payload ? { payload } : {}) });
  const change = (who: TestPerson, agreement: object, reason: string, ifMatch?: string) =>
    call(who, 'PUT', '/api/v1/agreement', { agreement, reason }, ifMatch ? { 'if-match': ifMatch } : {});

  it('starts at version 0 with the defaults', async () => {
    team = await createTeam(ctx.database().db);
    const response = await call(team.guest, 'GET', '/api/v1/agreement');
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"0"');
    expect(response.json()).toEqual({
      version: 0,
      agreement: {
        replyWindows: { today: 4, soon: 8, normal: 24, fyi: null },
        interruptionBudget: 2,
        emergencyRoles: ['owner', 'admin'],
        allowChannelMentions: false,
        digestTimes: ['09:00'],
        meetingNoticeHours: 16,
        decisionWindowHours: 16,
        syncWindows: [],
        meetingDays: [],
      },
      changedBy: null,
      changedAt: null,
      reason: null,
    });
  });

  it('keeps every change as a version with its author, time and reason', async () => {
    const first = await change(
      team.admin,
      { ...defaultAgreementBody(), interruptionBudget: -0, digestTimes: ['13:30', '09:00'] },
      'Two digests',
      '"0"',
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    expect(first.json()).toMatchObject({
      version: 1,
      changedBy: team.admin.id,
      reason: 'Two digests',
      agreement: { interruptionBudget: 0, digestTimes: ['09:00', '13:30'] },
    });
    expect(Object.is(first.json().agreement.interruptionBudget, 0)).toBe(true);
    const second = await change(
      team.owner,
      { ...defaultAgreementBody(), allowChannelMentions: true },
      'Allow @channel',
      '"1"',
    );
    expect(second.json()).toMatchObject({ version: 2, changedBy: team.owner.id });
    const versions = (await call(team.member, 'GET', '/api/v1/agreement/versions')).json();
    expect(versions.items.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [2, 'Allow @channel'],
      [1, 'Two digests'],
    ]);
    expect(versions.items[1].changedAt).toEqual(expect.any(String));
    const page = (await call(team.member, 'GET', '/api/v1/agreement/versions?limit=1')).json();
    expect(page.items).toHaveLength(1);
    const next = await call(
      team.member,
      'GET',
      `/api/v1/agreement/versions?limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.json().items[0].version).toBe(1);
  });

  it('refuses a change based on a stale version with 412, changing nothing', async () => {
    const stale = await change(team.owner, defaultAgreementBody(), 'Late', '"1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'precondition_failed' });
    expect((await call(team.owner, 'GET', '/api/v1/agreement')).json().version).toBe(2);
  });

  it('lets only owners and admins change it', async () => {
    for (const who of [team.member, team.guest]) {
      const response = await change(who, defaultAgreementBody(), 'Mine now');
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
  });

  it('refuses out-of-range values with a 400 naming the field', async () => {
    const base = defaultAgreementBody();
    const cases: [object, string][] = [
      [{ ...base, replyWindows: { ...base.replyWindows, today: 0 } }, 'body.agreement.replyWindows.today'],
      [{ ...base, replyWindows: { ...base.replyWindows, soon: -4 } }, 'body.agreement.replyWindows.soon'],
      [
        { ...base, replyWindows: { ...base.replyWindows, normal: 1001 } },
        'body.agreement.replyWindows.normal',
      ],
      [{ ...base, replyWindows: { ...base.replyWindows, today: 1.5 } }, 'body.agreement.replyWindows.today'],
      [{ ...base, interruptionBudget: 101 }, 'body.agreement.interruptionBudget'],
      [{ ...base, interruptionBudget: 2 ** 53 + 1 }, 'body.agreement.interruptionBudget'],
      [{ ...base, interruptionBudget: '2' }, 'body.agreement.interruptionBudget'],
      [{ ...base, meetingNoticeHours: 0 }, 'body.agreement.meetingNoticeHours'],
      [{ ...base, digestTimes: ['24:00'] }, 'body.agreement.digestTimes.0'],
      [{ ...base, digestTimes: [] }, 'body.agreement.digestTimes'],
      [
        { ...base, syncWindows: [{ timeZone: 'Mars/Olympus', day: 'mon', hours: '15:00-16:00' }] },
        'body.agreement.syncWindows.0.timeZone',
      ],
    ];
    for (const [agreement, path] of cases) {
      const response = await change(team.owner, agreement, 'Bad');
      expect(response.statusCode, JSON.stringify(agreement)).toBe(400);
      expect(
        response.json().errors.map((e: { path: string }) => e.path),
        JSON.stringify(agreement),
      ).toContain(path);
    }
    const raw = JSON.stringify({ agreement: base, reason: 'x' }).replace(
      '"interruptionBudget":2',
      '"interruptionBudget":1e309',
    );
    const overflow = await app.inject({
      method: 'PUT',
      url: '/api/v1/agreement',
      headers: { ...team.owner.headers, 'content-type': 'application/json' },
      payload: raw,
    });
    expect(overflow.statusCode).toBe(400);
    for (const reason of ['', ' ', 'x'.repeat(501)]) {
      expect((await change(team.owner, base, reason)).statusCode, `reason ${reason.length}`).toBe(400);
    }
    expect((await call(team.owner, 'GET', '/api/v1/agreement')).json().version).toBe(2);
  });

  it('renders the agreement as the "How we work" document for everyone in the workspace', async () => {
    const response = await call(team.guest, 'GET', '/api/v1/agreement/document');
    expect(response.statusCode).toBe(200);
    const { version, markdown } = response.json();
    expect(version).toBe(2);
    expect(markdown).toMatch(/^# How we work\n/);
    expect(markdown).toContain('**today**: a reply within 4 working hours');
    expect(markdown).toContain('Mentioning a whole channel is allowed.');
    expect(markdown).toContain('Version 2');
  });

  it("lets a channel's managers override its reply windows, which the delivery engine reads", async () => {
    const channel = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: team.member.headers,
        payload: { name: `support-${Date.now()}`, visibility: 'public' },
      })
    ).json<{ id: string }>();
    const url = `/api/v1/channels/${channel.id}/agreement`;
    expect((await call(team.other, 'GET', url)).json()).toMatchObject({
      overrides: {},
      replyWindows: { today: 4, soon: 8, normal: 24, fyi: null },
    });
    expect((await call(team.other, 'PUT', url, { replyWindows: { today: 1 }, reason: 'x' })).statusCode).toBe(
      403,
    );
    const changed = await call(team.member, 'PUT', url, {
      replyWindows: { today: 1 },
      reason: 'Support answers fast',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      overrides: { today: 1 },
      replyWindows: { today: 1, soon: 8, normal: 24 },
      updatedBy: team.member.id,
      reason: 'Support answers fast',
    });
    const agreements = new AgreementService(ctx.database().db);
    expect((await agreements.currentAgreement(team.workspaceId, channel.id)).replyWindows.today).toBe(1);
    expect((await agreements.currentAgreement(team.workspaceId)).replyWindows.today).toBe(4);
    const foreign = await createTeam(ctx.database().db);
    expect((await agreements.currentAgreement(foreign.workspaceId, channel.id)).replyWindows.today).toBe(4);
    expect((await call(foreign.owner, 'GET', url)).statusCode).toBe(404);
  });
});
