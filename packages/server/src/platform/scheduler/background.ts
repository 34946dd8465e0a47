import type { FastifyInstance } from 'fastify';
import { EventService, registerEventRoutes } from '../../modules/events/index.js';
import type { EventLimits, StreamOptions } from '../../modules/events/index.js';
import { systemClock } from '../../shared/clock.js';
import type { Clock, TestClock } from '../../shared/clock.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { createRecipientLock } from '../db/recipient-lock.js';
import { registerTestClockRoutes } from '../http/test-clock.routes.js';
import { housekeepingRequest, registerHousekeeping } from './housekeeping.js';
import { Scheduler } from './scheduler.js';
import type { SchedulerOptions } from './scheduler.js';
import { registerTestProbeJob } from './test-probe-job.js';

/** The channel that carries recipients' person ids (space-separated) when events were published for them. */
export const eventsChannel = 'meanwhile_events';

/** What buildApp passes on about time, jobs and live updates. */
export interface BackgroundDeps {
  database: DatabaseHandle;
  /** The server's clock; the system clock when absent. */
  clock?: Clock;
  /**
   * Test mode (`MEANWHILE_TEST_MODE=1`): the clock the test moves. Registers `POST /api/v1/test/clock`
   * and the test-only job kind; never given in a normal start.
   */
  testClock?: TestClock;
  /** Run the job loop from `ready` to `close` (startServer does; `inject()` tests usually do not). */
  runScheduler?: boolean;
  scheduler?: Partial<SchedulerOptions>;
  eventLimits?: Partial<EventLimits>;
  eventStream?: Partial<StreamOptions>;
  /** Told the app's scheduler and events service once made (tests run due jobs with `scheduler.runDue()`). */
  onBackground?: (background: Background) => void;
}

/** The scheduler and the event publisher, for the module services that need them. */
export interface Background {
  clock: Clock;
  scheduler: Scheduler;
  events: EventService;
}

/** The longest signal payload on {@link eventsChannel}: PostgreSQL refuses NOTIFY payloads of 8000 bytes. */
const maxSignalBytes = 7_000;

/** Person ids joined by spaces into as few payloads as fit (ids never contain spaces). */
export function packPersonIds(personIds: readonly string[]): string[] {
  const payloads: string[] = [];
  let current = '';
  for (const id of personIds) {
    if (current !== '' && Buffer.byteLength(current) + 1 + Buffer.byteLength(id) > maxSignalBytes) {
      payloads.push(current);
      current = '';
    }
    current = current === '' ? id : `${current} ${id}`;
  }
  if (current !== '') payloads.push(current);
  return payloads;
}

/** The events service over `database`, signalling through its notifications (one per batch of recipients). */
export function createEventService(
  database: DatabaseHandle,
  clock: Clock,
  limits?: Partial<EventLimits>,
): EventService {
  return new EventService(
    database.db,
    clock,
    createRecipientLock(database.dialect),
    {
      send: async (tx, personIds) => {
        for (const payload of packPersonIds(personIds))
          await database.notifications.notify(tx, eventsChannel, payload);
      },
      listen: (listener) =>
        database.notifications.listen(eventsChannel, (payload) => {
          if (payload === null) listener(null);
          else for (const personId of payload.split(' ')) if (personId !== '') listener(personId);
        }),
    },
    limits,
  );
}

/**
 * Sets up the job scheduler and live updates on the app: the events stream route, the housekeeping
 * job, in test mode the clock route, and the scheduler's start on `ready` and stop on `close` (open
 * streams end first, so that closing does not wait on them).
 */
export function registerBackground(app: FastifyInstance, deps: BackgroundDeps): Background {
  const { database } = deps;
  const clock = deps.testClock ?? deps.clock ?? systemClock;
  const scheduler = new Scheduler(database, clock, deps.scheduler, app.log);
  const events = createEventService(database, clock, deps.eventLimits);
  registerEventRoutes(app, events, deps.eventStream);
  registerHousekeeping(scheduler, events);
  if (deps.testClock) {
    registerTestClockRoutes(app, deps.testClock);
    registerTestProbeJob(scheduler);
    deps.testClock.onChange(() => scheduler.wake());
  }
  if (deps.runScheduler) {
    app.addHook('onReady', async () => {
      await scheduler.ensureScheduled(database.db, housekeepingRequest(clock.now() + 60_000));
      scheduler.start();
    });
  }
  app.addHook('preClose', async () => events.close());
  app.addHook('onClose', async () => scheduler.stop());
  const background = { clock, scheduler, events };
  deps.onBackground?.(background);
  return background;
}
