// The server's public surface, used by the `meanwhile` command to run it.
export { ConfigError, describeDatabase, loadConfig } from './platform/config.js';
export type { Config, DatabaseConfig } from './platform/config.js';
export { openDatabase } from './platform/db/open-database.js';
export type { DatabaseHandle } from './platform/db/open-database.js';
export { listPendingMigrations, migrateToLatest } from './platform/db/migrate.js';
export type { MigrationReport } from './platform/db/migrate.js';
export { buildApp } from './platform/http/build-app.js';
export type { AppDeps } from './platform/http/build-app.js';
export { runMigrations, startServer, toBrowsableUrl } from './platform/serve.js';
export type { RunningServer, StartOptions } from './platform/serve.js';
export { createTestClock, systemClock } from './shared/clock.js';
export type { Clock, TestClock } from './shared/clock.js';
export {
  adminCreateOwner,
  adminListWorkspaces,
  adminResetPassword,
  passwordPolicy,
} from './platform/admin.js';
export type { WorkspaceSummary } from './platform/admin.js';
export { backupSqlite } from './platform/db/backup-sqlite.js';
export type { SqliteBackupResult } from './platform/db/backup-sqlite.js';
