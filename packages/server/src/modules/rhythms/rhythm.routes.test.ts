import type { FastifyInstance } from 'fastify';
import { nextWorkingStart } from '@meanwhile/time';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createOwnerSession, invite, testPassword, uniqueEmail } from '../../../test/identity.js';
import { createPasswordHasher } from '../../shared/passwords.js';
import { createOwner } from '../setup/index.js';
import { RhythmService } from './rhythm.service.js';

const berlinWeek = {
  timeZone: 'Europe/Berlin',
  week: { mon: ['09:00-12:00', '13:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'] },
  exceptions: [{ date: '2031-03-05', hours: [] }],
};
const asTheyCome = { mode: 'as-they-come', batchTimes: [] };

describeEachDialect('rhythms', (ctx) => {
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof createTeam>>;
  beforeAll(async () => {
    app = (await buildTestApp(ctx.database())).app;
    team = await createTeam(ctx.database().db);
  });
  afterAll(() => app.close());

  const call = (who: TestPerson, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const putRhythm = (who: TestPerson, body: object) => call(who, 'PUT', '/api/v1/me/rhythm', body);

  it('gives a person without a stored rhythm Mon–Fri 09:00–17:00 in UTC, as they come', async () => {
    const response = await call(team.other, 'GET', '/api/v1/me/rhythm');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      rhythm: { timeZone: 'UTC', week: { mon: ['09:00-17:00'], fri: ['09:00-17:00'], sat: [], sun: [] } },
      focus: { mon: [] },
      delivery: { mode: 'as-they-come' },
      isDefault: true,
      updatedAt: null,
    });
  });

  it("starts a new account's rhythm in the browser's time zone at sign-up", async () => {
    const owner = await createOwnerSession(app, ctx.database());
    const token = await invite(app, owner, 'member');
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: {
        token,
        email: uniqueEmail(),
        displayName: 'Ana',
        password: testPassword,
        timeZone: 'America/Los_Angeles',
      },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const cookie = String(accepted.headers['set-cookie']).split(';')[0]!;
    const mine = await app.inject({
      url: '/api/v1/me/rhythm',
      headers: { cookie, 'x-csrf-token': accepted.json<{ csrfToken: string }>().csrfToken },
    });
    expect(mine.json()).toMatchObject({
      rhythm: { timeZone: 'America/Los_Angeles', week: { mon: ['09:00-17:00'] } },
      delivery: { mode: 'as-they-come' },
    });
    const badZone = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: {
        token,
        email: uniqueEmail(),
        displayName: 'B',
        password: testPassword,
        timeZone: 'Mars/Olympus',
      },
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json()).toMatchObject({ errors: [{ path: 'body.timeZone' }] });
  });

  it('gives an owner made by `meanwhile admin create-owner --time-zone` that zone, and refuses an unknown one', async () => {
    const db = ctx.database().db;
    const deps = { db, hasher: createPasswordHasher('fast'), now: Date.now };
    const input = { email: uniqueEmail(), displayName: 'O', workspaceName: 'W', password: testPassword };
    const { person, workspace } = await createOwner(deps, { ...input, timeZone: 'Asia/Tokyo' });
    const rhythms = new RhythmService(db);
    const caller = {
      personId: person.id,
      workspaceId: workspace.id,
      role: 'owner' as const,
      via: 'token' as const,
      scope: 'read-write' as const,
      credentialId: 't',
    };
    expect((await rhythms.get(caller)).rhythm.timeZone).toBe('Asia/Tokyo');
    await expect(
      createOwner(deps, { ...input, email: uniqueEmail(), timeZone: 'Etc/GMT+99' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('stores a rhythm, focus blocks and batched delivery, and reads them back normalised', async () => {
    const me = await createPerson(ctx.database().db, team.workspaceId);
    const put = await putRhythm(me, {
      rhythm: berlinWeek,
      focus: { tue: ['09:00-11:00'] },
      delivery: { mode: 'batched', batchTimes: ['13:30', '09:00', '13:30'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const got = (await call(me, 'GET', '/api/v1/me/rhythm')).json();
    expect(got).toEqual(put.json());
    expect(got).toMatchObject({
      rhythm: {
        timeZone: 'Europe/Berlin',
        week: { mon: ['09:00-12:00', '13:00-17:00'], thu: [] },
        exceptions: [{ date: '2031-03-05', hours: [] }],
      },
      focus: { tue: ['09:00-11:00'], mon: [] },
      delivery: { mode: 'batched', batchTimes: ['09:00', '13:30'] },
      isDefault: false,
    });
  });

  it('refuses every invalid rhythm with a 400 naming the field, and changes nothing', async () => {
    const me = await createPerson(ctx.database().db, team.workspaceId);
    const cases: [object, string][] = [
      [{ ...berlinWeek, timeZone: 'Mars/Olympus' }, 'body.rhythm.timeZone'],
      [{ ...berlinWeek, timeZone: '../etc/passwd' }, 'body.rhythm.timeZone'],
      [{ ...berlinWeek, timeZone: 'Etc/GMT+99' }, 'body.rhythm.timeZone'],
      [{ ...berlinWeek, timeZone: '' }, 'body.rhythm.timeZone'],
      [{ ...berlinWeek, week: { tue: ['09:00-12:00', '11:00-13:00'] } }, 'body.rhythm.week.tue[1]'],
      [{ ...berlinWeek, week: { mon: ['24:00-24:00'] } }, 'body.rhythm.week.mon[0]'],
      [{ ...berlinWeek, week: { mon: ['23:59:60-24:00'] } }, 'body.rhythm.week.mon[0]'],
      [{ ...berlinWeek, week: { mon: ['25:00-26:00'] } }, 'body.rhythm.week.mon[0]'],
      [{ ...berlinWeek, week: { mon: ['-01:00-09:00'] } }, 'body.rhythm.week.mon[0]'],
      [{ ...berlinWeek, week: { wed: ['17:00-09:00'] } }, 'body.rhythm.week.wed[0]'],
      [{ ...berlinWeek, exceptions: [{ date: '2027-02-29', hours: [] }] }, 'body.rhythm.exceptions[0].date'],
      [{ ...berlinWeek, exceptions: [{ date: '0000-01-01', hours: [] }] }, 'body.rhythm.exceptions[0].date'],
      [
        { ...berlinWeek, exceptions: [{ from: '2031-08-14', to: '2031-08-03', hours: [] }] },
        'body.rhythm.exceptions[0].to',
      ],
    ];
    for (const [rhythm, path] of cases) {
      const response = await putRhythm(me, { rhythm, focus: {}, delivery: asTheyCome });
      expect(response.statusCode, JSON.stringify(rhythm)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors, JSON.stringify(rhythm)).toEqual([{ path, message: expect.any(String) }]);
    }
    const focus = await putRhythm(me, {
      rhythm: berlinWeek,
      focus: { thu: ['10:00-09:00'] },
      delivery: asTheyCome,
    });
    expect(focus.json().errors).toEqual([{ path: 'body.focus.thu[0]', message: expect.any(String) }]);
    const huge = await putRhythm(me, {
      rhythm: { ...berlinWeek, timeZone: 'x'.repeat(10_000) },
      focus: {},
      delivery: asTheyCome,
    });
    expect(huge.statusCode).toBe(400);
    for (const batchTimes of [
      [],
      ['24:00'],
      ['9:00'],
      Array.from({ length: 13 }, (_, i) => `0${i % 10}:00`),
    ]) {
      const response = await putRhythm(me, {
        rhythm: berlinWeek,
        focus: {},
        delivery: { mode: 'batched', batchTimes },
      });
      expect(response.statusCode, JSON.stringify(batchTimes)).toBe(400);
    }
    expect((await call(me, 'GET', '/api/v1/me/rhythm')).json()).toMatchObject({ isDefault: true });
  });

  it('lists, adds and removes my time off; others never see the note', async () => {
    const me = await createPerson(ctx.database().db, team.workspaceId);
    const added = await call(me, 'POST', '/api/v1/me/time-off', {
      from: '2031-08-03',
      to: '2031-08-14',
      note: 'Dentist secret',
    });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json<{ id: string }>().id;
    expect((await call(me, 'GET', '/api/v1/me/time-off')).json()).toEqual({
      items: [
        { id, from: '2031-08-03', to: '2031-08-14', note: 'Dentist secret', createdAt: expect.any(String) },
      ],
    });
    const availability = await call(
      team.other,
      'GET',
      `/api/v1/people/${me.id}/availability?from=2031-08-01T00:00:00Z&to=2031-08-20T00:00:00Z`,
    );
    expect(availability.statusCode).toBe(200);
    expect(availability.body).not.toContain('Dentist');
    const kinds = availability.json<{ intervals: { kind: string; start: string }[] }>().intervals;
    // 1 Aug 2031 is a Friday: working; Sunday 3rd to Thursday 14th off (9 workdays); back on Friday 15th.
    expect(kinds[0]).toMatchObject({ kind: 'working', start: '2031-08-01T09:00:00.000Z' });
    expect(kinds.filter((k) => k.kind === 'off')).toHaveLength(9);
    expect(kinds.find((k) => k.kind === 'working' && k.start > '2031-08-02')).toMatchObject({
      start: '2031-08-15T09:00:00.000Z',
    });
    expect(kinds.at(-1)).toMatchObject({ kind: 'working', start: '2031-08-19T09:00:00.000Z' });
    for (const bad of [
      { from: '2031-08-14', to: '2031-08-03' },
      { from: '2027-02-29', to: '2027-03-01' },
      { from: '2031-01-01', to: '2033-01-01' },
    ]) {
      expect((await call(me, 'POST', '/api/v1/me/time-off', bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await call(team.other, 'DELETE', `/api/v1/me/time-off/${id}`)).statusCode).toBe(404);
    expect((await call(me, 'DELETE', `/api/v1/me/time-off/${id}`)).statusCode).toBe(204);
    expect((await call(me, 'GET', '/api/v1/me/time-off')).json()).toEqual({ items: [] });
  });

  it('labels working hours as working, focus and off, in epoch ms and ISO, with where they are now', async () => {
    const me = await createPerson(ctx.database().db, team.workspaceId);
    await putRhythm(me, {
      rhythm: { timeZone: 'Europe/Berlin', week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'] } },
      focus: { mon: ['09:00-11:00'] },
      delivery: asTheyCome,
    });
    await call(me, 'POST', '/api/v1/me/time-off', { from: '2031-03-04', to: '2031-03-04' });
    // Monday 3 and Tuesday 4 March 2031; Berlin is UTC+1 in winter.
    const response = await call(
      team.guest,
      'GET',
      `/api/v1/people/${me.id}/availability?from=2031-03-03T00:00:00Z&to=2031-03-05T00:00:00Z`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      personId: me.id,
      timeZone: 'Europe/Berlin',
      from: '2031-03-03T00:00:00.000Z',
    });
    expect(body.intervals).toEqual([
      {
        kind: 'focus',
        start: '2031-03-03T08:00:00.000Z',
        end: '2031-03-03T10:00:00.000Z',
        startMs: Date.UTC(2031, 2, 3, 8),
        endMs: Date.UTC(2031, 2, 3, 10),
      },
      {
        kind: 'working',
        start: '2031-03-03T10:00:00.000Z',
        end: '2031-03-03T16:00:00.000Z',
        startMs: Date.UTC(2031, 2, 3, 10),
        endMs: Date.UTC(2031, 2, 3, 16),
      },
      {
        kind: 'off',
        start: '2031-03-04T08:00:00.000Z',
        end: '2031-03-04T16:00:00.000Z',
        startMs: Date.UTC(2031, 2, 4, 8),
        endMs: Date.UTC(2031, 2, 4, 16),
      },
    ]);
    expect(['working', 'focus', 'off', 'not-working']).toContain(body.now.status);
    expect(body.now.nextSlotAt === null || typeof body.now.nextSlotAtMs === 'number').toBe(true);
  });

  it('refuses windows over 31 days, reversed windows and impossible instants', async () => {
    const url = `/api/v1/people/${team.member.id}/availability`;
    for (const query of [
      'from=2031-01-01T00:00:00Z&to=2031-03-01T00:00:00Z',
      'from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z',
      'from=2027-02-29T00:00:00Z',
      'from=1e309',
      'from=0001-01-01T00:00:00Z',
    ]) {
      const response = await call(team.member, 'GET', `${url}?${query}`);
      expect(response.statusCode, query).toBe(400);
    }
  });

  it("shows the team of my workspace or of a channel I can see, and hides another workspace's people", async () => {
    const db = ctx.database().db;
    const channel = (
      await call(team.owner, 'POST', '/api/v1/channels', {
        name: `team-${Date.now()}`,
        visibility: 'private',
      })
    ).json<{ id: string }>();
    await call(team.owner, 'PUT', `/api/v1/channels/${channel.id}/members/${team.member.id}`);
    const inChannel = await call(team.member, 'GET', `/api/v1/availability?channelId=${channel.id}`);
    expect(inChannel.statusCode).toBe(200);
    expect(
      inChannel
        .json<{ people: { personId: string }[] }>()
        .people.map((p) => p.personId)
        .sort(),
    ).toEqual([team.owner.id, team.member.id].sort());
    expect((await call(team.other, 'GET', `/api/v1/availability?channelId=${channel.id}`)).statusCode).toBe(
      404,
    );
    const everyone = (await call(team.guest, 'GET', '/api/v1/availability')).json<{
      people: { personId: string }[];
    }>();
    expect(everyone.people.map((p) => p.personId)).toEqual(
      expect.arrayContaining([team.owner.id, team.guest.id]),
    );
    const foreign = await createTeam(db);
    const theirs = (await call(foreign.member, 'GET', '/api/v1/availability')).json<{
      people: { personId: string }[];
    }>();
    expect(theirs.people.map((p) => p.personId)).not.toContain(team.owner.id);
    expect(
      (await call(foreign.member, 'GET', `/api/v1/people/${team.owner.id}/availability`)).statusCode,
    ).toBe(404);
  });

  it('gives the delivery engine cached profiles whose slots leave out focus and time off, and tells listeners of changes', async () => {
    const db = ctx.database().db;
    const me = await createPerson(db, team.workspaceId);
    const rhythms = new RhythmService(db);
    const changed: string[] = [];
    rhythms.onRhythmChanged((personId) => void changed.push(personId));
    const caller = {
      personId: me.id,
      workspaceId: team.workspaceId,
      role: 'member' as const,
      via: 'token' as const,
      scope: 'read-write' as const,
      credentialId: 't',
    };
    const first = (await rhythms.deliveryProfiles([me.id])).get(me.id)!;
    expect(first).toMatchObject({ timeZone: 'UTC', mode: 'as-they-come' });
    expect((await rhythms.deliveryProfiles([me.id])).get(me.id)).toBe(first);
    await rhythms.put(caller, {
      rhythm: { timeZone: 'Asia/Tokyo', week: { mon: ['09:00-17:00'] } },
      focus: { mon: ['09:00-12:00'] },
      delivery: { mode: 'batched', batchTimes: ['10:00'] },
    });
    await rhythms.addTimeOff(caller, { from: '2031-03-10', to: '2031-03-10' });
    expect(changed).toEqual([me.id, me.id]);
    const profile = (await rhythms.deliveryProfiles([me.id])).get(me.id)!;
    expect(profile).toMatchObject({ timeZone: 'Asia/Tokyo', mode: 'batched', batchTimes: ['10:00'] });
    // Monday 3 March 2031, 00:00 UTC is 09:00 in Tokyo: the slot starts after the focus block, at 12:00.
    expect(nextWorkingStart(profile.slots, Date.UTC(2031, 2, 3, 0))).toBe(Date.UTC(2031, 2, 3, 3));
    expect(nextWorkingStart(profile.rhythm, Date.UTC(2031, 2, 3, 0))).toBe(Date.UTC(2031, 2, 3, 0));
    // Monday 10 March is time off: the next slot is the Monday after.
    expect(nextWorkingStart(profile.slots, Date.UTC(2031, 2, 9, 12))).toBe(Date.UTC(2031, 2, 17, 3));
  });
});
