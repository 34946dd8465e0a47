import type { Kysely } from 'kysely';
import type { Database, PersonRow } from '../../shared/database.js';
import { EmailTaken } from './people.errors.js';

/** The database or a transaction of it. */
export type Executor = Kysely<Database>;

// SQLite's and PostgreSQL's codes for a unique-constraint violation (a concurrent sign-up with one address).
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * Adds an account.
 *
 * @throws EmailTaken when another account got the address first.
 */
export async function insertPerson(db: Executor, person: PersonRow): Promise<void> {
  try {
    await db.insertInto('people').values(person).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTaken();
    throw error;
  }
}

/** The account with this normalised e-mail address, if any. */
export async function findPersonByEmail(
  db: Executor,
  emailNormalized: string,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('emailNormalized', '=', emailNormalized)
    .executeTakeFirst();
}

/** The account with this id, if any. */
export async function findPersonById(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The accounts with these ids (unknown ids are skipped). */
export async function findPeopleByIds(db: Executor, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
}

/** Replaces an account's password hash. */
export async function updatePasswordHash(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('people').set({ passwordHash }).where('id', '=', id).execute();
}
