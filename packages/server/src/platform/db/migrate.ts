import { Migrator, sql } from 'kysely';
import type { Kysely, MigrationResult } from 'kysely';
import { FolderMigrationProvider } from './migration-provider.js';

/** What a migration run did: the migrations it applied, in order. */
export interface MigrationReport {
  applied: string[];
}

function createMigrator<DB>(db: Kysely<DB>, folder?: string): Migrator {
  // Migrations are written in snake_case against Kysely<any>; the app's CamelCasePlugin stays out.
  return new Migrator({ db: db.withoutPlugins(), provider: new FolderMigrationProvider(folder) });
}

/**
 * Applies every pending migration, in name order, each in its own transaction. Running it again applies
 * nothing. On PostgreSQL, concurrent runs from several processes wait on a lock rather than collide.
 *
 * @throws Error naming the migration that failed, with the database's error as `cause`.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, folder?: string): Promise<MigrationReport> {
  const { error, results = [] } = await createMigrator(db, folder).migrateToLatest();
  if (error) {
    const failed = results.find((r: MigrationResult) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed.`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** The names of migrations that exist but have not been applied to this database. */
export async function listPendingMigrations<DB>(db: Kysely<DB>, folder?: string): Promise<string[]> {
  const migrations = await createMigrator(db, folder).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Whether the database answers a trivial query. */
export async function isDatabaseReachable<DB>(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
