import type { Kysely } from 'kysely';
import type { Database, SetupTokenRow } from '../../shared/database.js';

type Executor = Kysely<Database>;

/** Adds a setup token. */
export async function insertSetupToken(db: Executor, row: SetupTokenRow): Promise<void> {
  await db.insertInto('setupTokens').values(row).execute();
}

/** The unused, unexpired setup token with this hash. */
export async function findUsableSetupToken(
  db: Executor,
  tokenHash: string,
  now: number,
): Promise<SetupTokenRow | undefined> {
  return db
    .selectFrom('setupTokens')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

/** Marks every unused setup token used: once the first owner exists, no setup link works again. */
export async function useAllSetupTokens(db: Executor, now: number): Promise<number> {
  const result = await db
    .updateTable('setupTokens')
    .set({ usedAt: now })
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
