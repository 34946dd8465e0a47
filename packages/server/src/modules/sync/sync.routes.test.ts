// Sync windows through the API on both databases: a team in three zones sees its candidate windows and a
// weekly pattern, an admin fixes one in the agreement (a new version), and when a person's rhythm stops
// covering it they and the admins are told, with alternatives.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createWorkspace, defaultAgreementBody } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';

const workdays = (hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

describeEachDialect('sync windows', (ctx) => {
  let app: FastifyInstance;
  const clock = createTestClock({ start: Date.parse('2027-01-04T06:00:00Z'), isTicking: false });
  let admin: TestPerson;
  let berlin: TestPerson;
  let newYork: TestPerson;
  let tokyo: TestPerson;

  const call = (who: TestPerson, method: 'GET' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const setRhythm = async (who: TestPerson, timeZone: string, hours: string[]) => {
    const response = await call(who, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week: workdays(hours) },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), undefined, { testClock: clock }));
    const workspaceId = await createWorkspace(ctx.database().db);
    admin = await createPerson(ctx.database().db, workspaceId, 'admin');
    berlin = await createPerson(ctx.database().db, workspaceId, 'member');
    newYork = await createPerson(ctx.database().db, workspaceId, 'member');
    tokyo = await createPerson(ctx.database().db, workspaceId, 'member');
    await setRhythm(admin, 'Europe/Berlin', ['09:00-17:00']);
    await setRhythm(berlin, 'Europe/Berlin', ['08:00-16:00']);
    await setRhythm(newYork, 'America/New_York', ['08:00-16:00']);
    await setRhythm(tokyo, 'Asia/Tokyo', ['09:00-17:00']);
  });
  afterAll(() => app.close());

  it('shows a team in three zones its candidate windows, ranked, naming who is left out', async () => {
    const response = await call(admin, 'GET', '/api/v1/sync/candidates?timeZone=Europe/Berlin');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.people).toBe(4);
    // Berlin 08:00–16:00 CET (07–15Z), the admin 09:00–17:00 (08–16Z), New York 08:00–16:00 EST (13–21Z),
    // Tokyo 09:00–17:00 JST (00–08Z): the best hour holds three (13–15Z) and leaves Tokyo out.
    expect(body.windows[0].included).toBe(3);
    expect(body.windows[0].leftOut).toEqual([
      expect.objectContaining({ personId: tokyo.id, timeZone: 'Asia/Tokyo' }),
    ]);
    expect(body.patterns[0]).toMatchObject({ timeZone: 'Europe/Berlin', included: 3, hours: '14:00-15:00' });
    expect(body.patterns[0].label).toBe('Mon, Tue, Wed, Thu and Fri 14:00–15:00 Berlin');
  });

  it('refuses an unknown zone and a duration out of range', async () => {
    expect((await call(admin, 'GET', '/api/v1/sync/candidates?timeZone=Mars/Olympus')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/api/v1/sync/candidates?durationMinutes=5')).statusCode).toBe(400);
  });

  it('tells the person and the admins when a rhythm stops covering a fixed window, with alternatives', async () => {
    const fixed = await call(admin, 'PUT', '/api/v1/agreement', {
      agreement: {
        ...defaultAgreementBody(),
        syncWindows: [{ timeZone: 'Europe/Berlin', day: 'tue', hours: '15:00-16:00' }],
      },
      reason: 'Tuesday sync',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await call(admin, 'GET', '/api/v1/sync/coverage')).json().windows[0].notCovered).toEqual([
      expect.objectContaining({ personId: tokyo.id }),
    ]);
    await setRhythm(berlin, 'Europe/Berlin', ['07:00-14:00']);
    // The check runs after the change commits, in the background.
    await expect
      .poll(async () =>
        ctx
          .database()
          .db.selectFrom('events')
          .select(['personId', 'payload'])
          .where('type', '=', 'sync.window-uncovered')
          .execute(),
      )
      .toHaveLength(2);
    const events = await ctx
      .database()
      .db.selectFrom('events')
      .select(['personId', 'payload'])
      .where('type', '=', 'sync.window-uncovered')
      .execute();
    expect(events.map((e) => e.personId).sort()).toEqual([admin.id, berlin.id].sort());
    const payload = JSON.parse(events[0]!.payload);
    expect(payload).toMatchObject({
      personId: berlin.id,
      windows: [{ timeZone: 'Europe/Berlin', day: 'tue', hours: '15:00-16:00' }],
    });
    expect(payload.alternatives.length).toBeGreaterThan(0);
  });
});
