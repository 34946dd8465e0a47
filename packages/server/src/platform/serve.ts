import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase } from './db/open-database.js';
import { migrateToLatest } from './db/migrate.js';
import type { MigrationReport } from './db/migrate.js';
import { prepareSetup } from '../modules/setup/index.js';
import { createPasswordHasher } from '../shared/passwords.js';
import { createTestClock, systemClock } from '../shared/clock.js';
import type { Clock } from '../shared/clock.js';
import { buildApp } from './http/build-app.js';
import { createSmtpMailer } from './mail/smtp-mailer.js';

/** A server that is listening, and how to stop it. */
export interface RunningServer {
  /** The address to open in a browser, e.g. `http://localhost:8080`. */
  url: string;
  /** Migrations this start applied. */
  migrations: MigrationReport;
  /** While no workspace exists: the one-time link that creates the first owner (print it, never log it). */
  setupUrl?: string;
  app: FastifyInstance;
  /** Stops accepting requests, finishes those in flight, then closes the database. */
  close(): Promise<void>;
}

/** The address a person can open for a listening host: wildcard hosts are reachable as localhost. */
export function toBrowsableUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return `http://localhost:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/** What a start may override. */
export interface StartOptions {
  /**
   * The server's clock; the system clock by default. In test mode it is a test clock that starts at this
   * clock's time, runs on, and moves through `POST /api/v1/test/clock`.
   */
  clock?: Clock;
}

/**
 * Opens the database, applies pending migrations, and serves HTTP on the configured host and port; runs
 * the job scheduler until closed.
 *
 * @throws Error when the database cannot be opened or migrated, or the port is taken.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const testClock = config.isTestMode ? createTestClock({ start: clock.now(), isTicking: true }) : undefined;
  let app: FastifyInstance | undefined;
  const database = openDatabase(config.database, (error) =>
    app?.log.warn({ err: error }, 'an idle database connection failed'),
  );
  try {
    const migrations = await migrateToLatest(database.db);
    const mailer = config.mail ? createSmtpMailer(config.mail.smtpUrl, config.mail.from) : null;
    // Links in mails need the public address; without PUBLIC_URL it is the listening one, known below.
    let publicUrl = config.mail?.publicUrl ?? toBrowsableUrl(config.host, config.port);
    app = await buildApp({
      database,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      passwordHasher: createPasswordHasher(config.isTestMode ? 'fast' : 'standard'),
      clock,
      ...(testClock ? { testClock } : {}),
      runScheduler: true,
      mail: mailer
        ? {
            mailer,
            get publicUrl() {
              return publicUrl;
            },
          }
        : null,
    });
    if (!mailer) app.log.info('digests are not sent: SMTP_URL is unset');
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const running = app;
    const url = toBrowsableUrl(config.host, port);
    if (!config.mail?.publicUrl) publicUrl = url;
    const setup = await prepareSetup(database.db, Date.now());
    return {
      url,
      migrations,
      ...(setup ? { setupUrl: `${url}/setup/${setup.token}` } : {}),
      app: running,
      close: async () => {
        await running.close();
        mailer?.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
}

/** Applies pending migrations to the configured database and closes it. */
export async function runMigrations(config: Config): Promise<MigrationReport> {
  const database = openDatabase(config.database);
  try {
    return await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
}
