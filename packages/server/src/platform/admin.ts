import { resetPassword } from '../modules/members/index.js';
import { createOwner } from '../modules/setup/index.js';
import { listWorkspaces } from '../modules/workspaces/index.js';
import type { WorkspaceSummary } from '../modules/workspaces/index.js';
import { createPasswordHasher } from '../shared/passwords.js';
import { passwordPolicy } from '../shared/passwords.js';
import type { Config } from './config.js';
import { openDatabase } from './db/open-database.js';
import type { DatabaseHandle } from './db/open-database.js';
import { migrateToLatest } from './db/migrate.js';

export { passwordPolicy };
export type { WorkspaceSummary };

// Admin tasks open the configured database, bring it up to date, and close it again.
async function withDatabase<T>(config: Config, task: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    return await task(database);
  } finally {
    await database.close();
  }
}

const hasherFor = (config: Config) => createPasswordHasher(config.isTestMode ? 'fast' : 'standard');

/** Creates an owner and a new workspace directly in the database (`meanwhile admin create-owner`). */
export async function adminCreateOwner(
  config: Config,
  input: { email: string; displayName: string; workspaceName: string; password: string; timeZone?: string },
): Promise<{ personId: string; workspaceId: string }> {
  return withDatabase(config, async ({ db }) => {
    const { person, workspace } = await createOwner({ db, hasher: hasherFor(config), now: Date.now }, input);
    return { personId: person.id, workspaceId: workspace.id };
  });
}

/** Sets a new password and ends every session of the account (`meanwhile admin reset-password`). */
export async function adminResetPassword(
  config: Config,
  input: { email: string; password: string },
): Promise<void> {
  await withDatabase(config, ({ db }) =>
    resetPassword({ db, hasher: hasherFor(config), now: Date.now }, input),
  );
}

/** Every workspace with its active member count (`meanwhile admin list-workspaces`). */
export async function adminListWorkspaces(config: Config): Promise<WorkspaceSummary[]> {
  return withDatabase(config, ({ db }) => listWorkspaces(db));
}
