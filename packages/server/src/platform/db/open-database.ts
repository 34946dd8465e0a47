import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../shared/database.js';
import type { DatabaseConfig } from '../config.js';
import { createLocalNotifications, createPostgresNotifications } from './notifications.js';
import type { Notifications } from './notifications.js';
import { createRequestScopedDialect } from './request-transaction.js';
import type { RequestTransaction } from './request-transaction.js';
import { withStatementCache } from './sqlite-statements.js';

/** An open database: the query builder, which engine is behind it, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DatabaseConfig['kind'];
  /** Starts a transaction that a whole request runs in (see request-transaction.ts). */
  beginRequestTransaction(): Promise<RequestTransaction>;
  /** Runs `task` once the current request transaction commits (at once outside one), outside of it. */
  afterCommit(task: () => void): void;
  /** Wake-up signals between processes: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
  notifications: Notifications;
  close(): Promise<void>;
}

const pgInt8Oid = 20;

// Times and counts are bigint columns. pg returns int8 as a string by default because it may exceed
// 2^53; ours are epoch milliseconds and row counts, far below that, so both databases return numbers.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pgInt8Oid
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openSqlite(file: string): SqliteDialect {
  mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  // WAL lets readers run beside the writer; synchronous=FULL makes every acknowledged commit durable
  // across a power cut or a killed process, which PRODUCT.md requires.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: withStatementCache(database) });
}

function openPostgres(url: string, onError: (error: Error) => void): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would end the
  // process. The next query fails instead, and /readyz reports it.
  pool.on('error', onError);
  return new PostgresDialect({ pool });
}

/**
 * Opens the database the configuration names. This is the only place that knows which engine runs
 * underneath (STYLE.md §6): SQLite through better-sqlite3, or PostgreSQL through a pg pool.
 *
 * @param config - where the data lives.
 * @param onPoolError - told about errors of idle PostgreSQL connections.
 */
export function openDatabase(
  config: DatabaseConfig,
  onPoolError: (error: Error) => void = () => undefined,
): DatabaseHandle {
  const scoped = createRequestScopedDialect(
    config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url, onPoolError),
  );
  const db = new Kysely<Database>({ dialect: scoped.dialect, plugins: [new CamelCasePlugin()] });
  const notifications =
    config.kind === 'sqlite'
      ? createLocalNotifications()
      : createPostgresNotifications(config.url, onPoolError);
  return {
    db,
    dialect: config.kind,
    beginRequestTransaction: scoped.beginRequestTransaction,
    afterCommit: scoped.afterCommit,
    notifications,
    close: async () => {
      await notifications.close();
      await db.destroy();
    },
  };
}
