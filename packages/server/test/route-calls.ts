// Helpers for route tests that drive the app with `app.inject` as fixture people (see factories.ts): a call
// as a person, a call that must answer a given status, weekday working hours set through the API, and
// running the scheduler's due jobs up to an instant of an injected clock.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Scheduler } from '../src/platform/scheduler/scheduler.js';
import type { TestClock } from '../src/shared/clock.js';
import type { Database, Role } from '../src/shared/database.js';
import { createPerson } from './factories.js';
import type { TestPerson } from './factories.js';

export type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** A week with `hours` on Monday to Friday and nothing at the weekend. */
export const weekdays = (hours: string[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});

/**
 * Calls on the app that `app()` answers (a getter, since the app is built in `beforeAll`).
 *
 * @example
 * ```ts
 * const { ok } = routeCalls(() => app);
 * const channel = await ok<{ id: string }>(team.owner, 'POST', '/api/v1/channels', { name: 'x' }, 201);
 * ```
 */
export function routeCalls(app: () => FastifyInstance) {
  /** Calls `url` as `who`. */
  const call = (who: TestPerson, method: Method, url: string, payload?: object) =>
    app().inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  /** Calls `url` as `who`, expects `status` (the body is in the failure message) and answers the JSON. */
  async function ok<T>(
    who: TestPerson,
    method: Method,
    url: string,
    payload?: object,
    status = 200,
  ): Promise<T> {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
    return response.json<T>();
  }
  /** Sets `who`'s rhythm: `hours` on weekdays in `timeZone`, no focus, deliveries as they come. */
  const setWeekdayHours = (who: TestPerson, timeZone: string, hours = ['09:00-17:00']) =>
    ok(who, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone, week: weekdays(hours) },
      focus: {},
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
  /** A new person of `role` working 09:00–17:00 on weekdays in `timeZone`. */
  async function personWorkingIn(
    db: Kysely<Database>,
    workspaceId: string,
    timeZone: string,
    role: Role = 'member',
  ): Promise<TestPerson> {
    const person = await createPerson(db, workspaceId, role);
    await setWeekdayHours(person, timeZone);
    return person;
  }
  /** A new public channel named `channelName` by `who`, with a first thread in it. */
  async function threadInNewChannel(
    who: TestPerson,
    channelName: string,
    thread: { title: string; markdown: string },
  ): Promise<{ channelId: string; threadId: string; firstPostId: string }> {
    const channel = await ok<{ id: string }>(
      who,
      'POST',
      '/api/v1/channels',
      { name: channelName, visibility: 'public' },
      201,
    );
    const created = await ok<{ thread: { id: string }; post: { id: string } }>(
      who,
      'POST',
      `/api/v1/channels/${channel.id}/threads`,
      thread,
      201,
    );
    return { channelId: channel.id, threadId: created.thread.id, firstPostId: created.post.id };
  }
  return { call, ok, setWeekdayHours, personWorkingIn, threadInNewChannel };
}

/** Runs every job due up to `until`, moving the clock to each due time in turn, and leaves it at `until`. */
export async function runJobsUntil(
  db: Kysely<Database>,
  clock: TestClock,
  scheduler: Scheduler,
  until: number,
): Promise<void> {
  for (;;) {
    const next = await db
      .selectFrom('scheduledJobs')
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
