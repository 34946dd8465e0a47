// Runs a test file's suite once per database (STYLE.md §7): a fresh SQLite file in WAL mode, and a fresh
// PostgreSQL database made for this file alone, so that files run in parallel without sharing state.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DatabaseConfig } from '../src/platform/config.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import type { DatabaseHandle } from '../src/platform/db/open-database.js';

/** The PostgreSQL server tests create their databases on; override with MEANWHILE_TEST_POSTGRES_URL. */
export const testPostgresUrl =
  process.env.MEANWHILE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresProblem = await probePostgres();
const isCi = process.env.CI === 'true';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

interface TempDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function createSqliteDatabase(): Promise<TempDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'meanwhile-test-'));
  return {
    config: { kind: 'sqlite', file: join(dir, 'test.sqlite') },
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

async function createPostgresDatabase(): Promise<TempDatabase> {
  const name = `meanwhile_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => adminQuery(`drop database if exists "${name}" with (force)`),
  };
}

/** The database of the dialect being run, valid inside tests. */
export interface DialectContext {
  dialect: DatabaseConfig['kind'];
  /** The open database of this file's run; call it inside `it`, `beforeAll` or later hooks. */
  database(): DatabaseHandle;
  /** Where that database lives, to open a second handle on it (as a second process would). */
  config(): DatabaseConfig;
}

/** Options of {@link describeEachDialect}. */
export interface DialectOptions {
  /** Apply the real migrations before the tests (default true). */
  migrate?: boolean;
}

function describeDialect(
  dialect: DatabaseConfig['kind'],
  create: () => Promise<TempDatabase>,
  title: string,
  body: (ctx: DialectContext) => void,
  options: DialectOptions,
): void {
  let temp: TempDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  const ctx: DialectContext = {
    dialect,
    database: () => handle ?? raise(new Error('The test database is not open yet.')),
    config: () => temp?.config ?? raise(new Error('The test database is not created yet.')),
  };
  describe(`${title} [${dialect}]`, () => {
    beforeAll(async () => {
      temp = await create();
      handle = openDatabase(temp.config);
      if (options.migrate !== false) await migrateToLatest(handle.db);
    });
    afterAll(async () => {
      await handle?.close();
      await temp?.drop();
    });
    body(ctx);
  });
}

function raise(error: Error): never {
  throw error;
}

/**
 * Declares `body` once for SQLite and once for PostgreSQL, each against its own fresh database. When
 * PostgreSQL cannot be reached the PostgreSQL run is skipped with a message, except with `CI=true`,
 * where a failing test says why.
 */
export function describeEachDialect(
  title: string,
  body: (ctx: DialectContext) => void,
  options: DialectOptions = {},
): void {
  describeDialect('sqlite', createSqliteDatabase, title, body, options);
  if (postgresProblem !== undefined && isCi) {
    it(`${title} [postgres]: PostgreSQL must be reachable when CI=true`, () => {
      throw new Error(`PostgreSQL at ${testPostgresUrl} is unreachable: ${postgresProblem}`);
    });
    return;
  }
  if (postgresProblem !== undefined) {
    console.warn(
      `Skipping the PostgreSQL run of "${title}": ${testPostgresUrl} is unreachable (${postgresProblem}).`,
    );
  }
  // Outside CI an unreachable PostgreSQL skips these runs, reported with the reason in their title.
  const suffix = postgresProblem === undefined ? '' : ' (skipped: PostgreSQL unreachable)';
  describe.skipIf(postgresProblem !== undefined)(`${title}${suffix}`, () =>
    describeDialect('postgres', createPostgresDatabase, title, body, options),
  );
}
