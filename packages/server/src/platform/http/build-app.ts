import Fastify, { LogController } from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { registerApiPlatform } from './api-platform.js';
import { registerBackground } from '../scheduler/background.js';
import type { BackgroundDeps } from '../scheduler/background.js';
import { AgreementService, registerAgreementRoutes } from '../../modules/agreements/index.js';
import { ChannelService, registerChannelRoutes } from '../../modules/channels/index.js';
import {
  AskDueReplanner,
  CheckinDeliveries,
  DeliveryService,
  InboxService,
  registerDeliveryRoutes,
} from '../../modules/deliveries/index.js';
import { DigestService, registerDigestRoutes } from '../../modules/digests/index.js';
import { IdeationService, registerIdeationRoutes } from '../../modules/ideation/index.js';
import { CheckinService, registerCheckinRoutes } from '../../modules/checkins/index.js';
import {
  DecisionReminderReplanner,
  DecisionService,
  registerDecisionRoutes,
} from '../../modules/decisions/index.js';
import {
  PostService,
  ThreadPageCache,
  ThreadPageReader,
  registerPostRoutes,
} from '../../modules/posts/index.js';
import { RhythmService, registerRhythmRoutes } from '../../modules/rhythms/index.js';
import { ScratchService, registerScratchRoutes } from '../../modules/scratch/index.js';
import { SearchService, registerSearchRoutes } from '../../modules/search/index.js';
import { ThreadService, registerThreadRoutes } from '../../modules/threads/index.js';
import { createFullTextSearch } from '../db/full-text.js';
import { createPasswordHasher } from '../../shared/passwords.js';
import type { MailSettings } from '../../shared/mailer.js';
import type { PasswordHasher } from '../../shared/passwords.js';
import { registerFirstRunPages } from './first-run/first-run-pages.js';
import { findBuiltWebAppDir, loadWebApp, registerWebApp } from './web-app.js';
import { registerHealthRoutes } from './health.routes.js';
import { registerSyncTime } from './sync-time.js';
import type { FetchText } from '../../shared/outgoing-fetch.js';
import type { Clock } from '../../shared/clock.js';
import { createIdentityDeps, registerIdentity } from './identity.js';
import { parseJsonBody } from './json-body.js';
import { createRateLimiter } from './rate-limit.js';
import { createLoggerOptions } from './logger-options.js';
import { registerProblemHandlers, writeClientErrorProblem } from './problem.js';
import { createRequestId, requestIdHeader } from './request-id.js';
import { responseSerializerCompiler } from './response-serializer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves once the work a request left running after its response (re-plans) has finished. */
    settled(): Promise<void>;
  }
}

/** The largest request body the server reads, in bytes. */
export const defaultBodyLimit = 1024 * 1024;

/** Largest total size of a request's headers, in bytes; more gets 431. Node's default, stated. */
export const maxHeaderSize = 16 * 1024;

/** What the HTTP app needs from the outside world (the clock, jobs and live updates: {@link BackgroundDeps}). */
export interface AppDeps extends Omit<BackgroundDeps, 'database'> {
  database: DatabaseHandle;
  logLevel: Config['logLevel'];
  /** Where log lines go; standard output when absent. */
  logStream?: DestinationStream;
  bodyLimit?: number;
  /** Password hashing; argon2id at standard cost when absent (tests pass a cheap one). */
  passwordHasher?: PasswordHasher;
  /** Trust `X-Forwarded-*` from a reverse proxy (for the client IP and HTTPS detection). */
  trustProxy?: boolean;
  /** How digests are mailed; without it no digest is sent. */
  mail?: MailSettings | null;
  /** How imported calendars are fetched; the SSRF-safe fetcher when absent (tests pass their own). */
  fetchText?: FetchText;
  /** The built web app's folder; packages/web/dist when absent; null serves no app (web-app.ts). */
  webAppDir?: string | null;
  /** How much of thread pages this process keeps serialized (modules/posts/post-page.ts). */
  pageCacheLimits?: { maxBytes: number; maxEntryBytes: number };
  /**
   * The clock rate-limit buckets refill by; the system clock when absent. A test that floods a limit
   * holds it still, so that a slow machine cannot refill the bucket mid-flood (bad-input-writes.test.ts).
   */
  rateLimitClock?: Clock;
}

function installJsonParser(app: FastifyInstance): void {
  // Only JSON bodies are parsed; every other content type (text/plain included, a CSRF vector) gets 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/**
 * Builds the HTTP app without listening, so tests can drive it with `app.inject()`. Bodies over the
 * limit get 413 while streaming in (by Content-Length before reading, or as soon as a chunked body
 * passes it); every error leaves as `application/problem+json`; every response carries `X-Request-Id`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: createLoggerOptions(deps.logLevel, deps.logStream),
    bodyLimit: deps.bodyLimit ?? defaultBodyLimit,
    http: { maxHeaderSize },
    // Fastify answers a path parameter over 100 characters with its own 414, before any schema or error
    // handler; the request line is bounded by maxHeaderSize anyway, so every id reaches `idParam` and an
    // overlong one answers the same 404 as any id that does not exist (shared/id-param.ts).
    routerOptions: { maxParamLength: maxHeaderSize },
    genReqId: createRequestId,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Probes poll often; their lines would drown the rest.
      disableRequestLogging: (request) => request.url === '/healthz' || request.url === '/readyz',
    }),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    clientErrorHandler: writeClientErrorProblem,
    return503OnClosing: true,
    trustProxy: deps.trustProxy ?? false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });
  installJsonParser(app);
  registerProblemHandlers(app);
  // One limiter for every limit: shared through the database when several processes serve PostgreSQL.
  const rateLimitClock = deps.rateLimitClock;
  const limiter = createRateLimiter(deps.database, rateLimitClock ? () => rateLimitClock.now() : undefined);
  await registerApiPlatform(app, deps.database, limiter);
  const hasher = deps.passwordHasher ?? createPasswordHasher();
  registerIdentity(app, createIdentityDeps(deps.database.db, hasher, Date.now, limiter));
  // Before the modules: the services that schedule jobs or publish events take them from here.
  const background = registerBackground(app, deps);
  const { db } = deps.database;
  const rhythms = new RhythmService(db);
  const agreements = new AgreementService(db);
  const deliveries = new DeliveryService(
    db,
    background.clock,
    rhythms,
    agreements,
    background.scheduler,
    background.events,
  );
  deliveries.registerJobs();
  const digests = new DigestService(
    db,
    background.clock,
    rhythms,
    agreements,
    background.scheduler,
    deps.mail ?? null,
  );
  digests.registerJobs();
  deliveries.onDelivered((tx, delivered) => digests.scheduleFor(tx, delivered));
  const askDues = new AskDueReplanner(db, background.clock, rhythms, background.scheduler, background.events);
  const decisionReminders = new DecisionReminderReplanner(
    db,
    background.clock,
    rhythms,
    background.scheduler,
  );
  // After the change commits: a re-plan in another transaction must see it. Held deliveries first, then
  // the due times of delivered asks, then the decision reminders not yet sent (the closes never move), one
  // after the other so that they never contend for the same rows.
  // Re-plans run after the response; `app.settled()` waits for those in flight (tests, and closing).
  const replans = new Set<Promise<unknown>>();
  rhythms.onRhythmChanged((personId) =>
    deps.database.afterCommit(() => {
      const replan = deliveries
        .replan(personId)
        .catch((error: unknown) => app.log.error({ err: error }, 're-plan failed'))
        .then(() => askDues.replan(personId))
        .catch((error: unknown) => app.log.error({ err: error }, 'ask due re-plan failed'))
        .then(() => decisionReminders.replan(personId))
        .catch((error: unknown) => app.log.error({ err: error }, 'decision reminder re-plan failed'))
        .finally(() => replans.delete(replan));
      replans.add(replan);
    }),
  );
  app.decorate('settled', async () => {
    while (replans.size > 0) await Promise.allSettled([...replans]);
  });
  app.addHook('onClose', async () => {
    await app.settled();
  });
  registerChannelRoutes(app, new ChannelService(db));
  registerThreadRoutes(app, new ThreadService(db));
  const pages = new ThreadPageReader(db, new ThreadPageCache(deps.pageCacheLimits));
  // Posts are stamped by the server clock, as their deliveries are planned (the test clock in test mode).
  const posts = new PostService(db, () => background.clock.now(), deliveries);
  registerPostRoutes(app, posts, pages);
  // Scratch threads: private channels of their own, deleted by a job at expiry unless promoted.
  const scratch = new ScratchService(db, background.clock, posts, background.scheduler);
  scratch.registerJobs();
  registerScratchRoutes(app, scratch);
  registerSearchRoutes(app, new SearchService(db, createFullTextSearch(deps.database.dialect)));
  registerRhythmRoutes(app, rhythms);
  registerAgreementRoutes(app, agreements);
  registerDeliveryRoutes(app, new InboxService(db, background.clock, rhythms, deliveries));
  registerDigestRoutes(app, digests);
  // Decisions post into threads (their own PostService on the server clock) and remind through deliveries.
  const decisions = new DecisionService(
    db,
    background.clock,
    rhythms,
    agreements,
    posts,
    deliveries,
    background.scheduler,
  );
  decisions.registerJobs();
  registerDecisionRoutes(app, decisions);
  // Ideation rounds and check-ins (issue 6): ideas never enter posts; promotions and round summaries post
  // through a PostService on the server clock. `ideation.decisions` is the hook for promotion into a decision.
  const ideation = new IdeationService(
    db,
    background.clock,
    rhythms,
    agreements,
    background.scheduler,
    background.events,
    posts,
  );
  ideation.registerJobs();
  // Promotion into a decision: a consent decision in the round's thread (or a new one), in one transaction.
  ideation.decisions = decisions;
  registerIdeationRoutes(app, ideation);
  const checkins = new CheckinService(
    db,
    background.clock,
    rhythms,
    background.scheduler,
    background.events,
    posts,
    new CheckinDeliveries(background.clock, deliveries, background.scheduler),
  );
  checkins.registerJobs();
  // A closed round's team figures and blockers go into each participant's next digest.
  checkins.onRoundClosed((tx, round) =>
    digests.scheduleFor(
      tx,
      round.personIds.map((personId) => ({
        workspaceId: round.workspaceId,
        personId,
        deliveredAt: round.closedAt,
      })),
    ),
  );
  registerCheckinRoutes(app, checkins);
  // Sync time: meetings with notice, calendar feeds and busy-time import, candidate sync windows (issue 7).
  registerSyncTime(app, {
    database: deps.database,
    clock: background.clock,
    rhythms,
    agreements,
    deliveries,
    jobs: background.scheduler,
    events: background.events,
    ...(deps.fetchText ? { fetchText: deps.fetchText } : {}),
  });
  registerHealthRoutes(app, deps.database);
  const webApp = registerWebApp(
    app,
    loadWebApp(deps.webAppDir === undefined ? findBuiltWebAppDir() : deps.webAppDir),
  );
  registerFirstRunPages(app, { hasPages: !webApp.isBuilt });
  return app;
}
