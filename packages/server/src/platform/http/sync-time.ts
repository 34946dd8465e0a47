// Wires sync time (issue 7) into the app: meetings, calendar feeds and busy-time import, candidate sync
// windows, and the notice when a rhythm no longer covers a fixed window. Kept out of build-app.ts so that
// the app builder stays one registration block per feature.
import type { FastifyInstance } from 'fastify';
import type { AgreementService } from '../../modules/agreements/index.js';
import {
  CalendarService,
  decisionCloseFeedSource,
  dueAskFeedSource,
  registerCalendarRoutes,
} from '../../modules/calendar/index.js';
import type { DeliveryService } from '../../modules/deliveries/index.js';
import { MeetingService, registerMeetingRoutes } from '../../modules/meetings/index.js';
import { PostService } from '../../modules/posts/index.js';
import type { RhythmService } from '../../modules/rhythms/index.js';
import { SyncService, registerSyncRoutes } from '../../modules/sync/index.js';
import type { Clock } from '../../shared/clock.js';
import type { EventPublisher } from '../../shared/event-publisher.js';
import type { FetchText } from '../../shared/outgoing-fetch.js';
import type { JobQueue } from '../../shared/job-queue.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { createSafeFetch } from '../net/safe-fetch.js';

/** What sync time needs from the app. */
export interface SyncTimeDeps {
  database: DatabaseHandle;
  clock: Clock;
  rhythms: RhythmService;
  agreements: AgreementService;
  deliveries: DeliveryService;
  jobs: JobQueue<DatabaseHandle['db']>;
  events: EventPublisher<DatabaseHandle['db']>;
  /** How imported calendars are fetched; the SSRF-safe fetcher when absent (tests pass their own). */
  fetchText?: FetchText;
}

/** Registers the services, jobs, listeners and routes of sync time. */
export function registerSyncTime(app: FastifyInstance, deps: SyncTimeDeps): { meetings: MeetingService } {
  const { db } = deps.database;
  // Meetings post into their agenda thread on the server clock; the posts reach invitees as deliveries.
  const posts = new PostService(db, () => deps.clock.now(), deps.deliveries);
  const meetings = new MeetingService(
    db,
    deps.clock,
    deps.rhythms,
    deps.agreements,
    posts,
    deps.jobs,
    deps.events,
  );
  meetings.registerJobs();
  registerMeetingRoutes(app, meetings);
  const calendar = new CalendarService(
    db,
    deps.clock,
    deps.rhythms,
    deps.agreements,
    meetings,
    deps.fetchText ?? createSafeFetch(),
    // Due asks and decision closes: their tables belong to modules/deliveries and modules/decisions, read
    // through the functions those modules export.
    [dueAskFeedSource(db), decisionCloseFeedSource(db)],
  );
  registerCalendarRoutes(app, calendar);
  const sync = new SyncService(db, deps.clock, deps.rhythms, deps.agreements, deps.events);
  registerSyncRoutes(app, sync);
  deps.rhythms.onRhythmChanged((personId) =>
    deps.database.afterCommit(() => {
      sync
        .notifyUncovered(personId)
        .catch((error: unknown) => app.log.error({ err: error }, 'sync window check failed'));
    }),
  );
  return { meetings };
}
