import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { buildApp } from '../src/platform/http/build-app.js';
import type { AppDeps } from '../src/platform/http/build-app.js';
import { createPasswordHasher } from '../src/shared/passwords.js';
import type { DatabaseHandle } from '../src/platform/db/open-database.js';

/** An app for `inject()` tests, and the log lines it wrote. */
export interface TestApp {
  app: FastifyInstance;
  logLines: string[];
}

/**
 * Builds the app over a test database, capturing its log lines (at debug level) instead of printing them.
 * `extend` registers extra routes (e.g. an echo route for body tests) before the app is readied; `deps`
 * overrides the app's dependencies (a test clock, scheduler or stream options).
 */
export async function buildTestApp(
  database: DatabaseHandle,
  extend?: (app: FastifyInstance) => void,
  deps: Partial<Omit<AppDeps, 'database'>> = {},
): Promise<TestApp> {
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  // Cheap argon2id parameters: the tests exercise the flows, not the hashing cost.
  const app = await buildApp({
    database,
    logLevel: 'debug',
    logStream,
    passwordHasher: createPasswordHasher('fast'),
    ...deps,
  });
  extend?.(app);
  await app.ready();
  return { app, logLines };
}
