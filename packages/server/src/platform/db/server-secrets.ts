import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../shared/database.js';

/** Reads the server's own secrets, creating each on first use. */
export interface ServerSecrets {
  /**
   * The secret called `name` (32 random bytes). The first process to ask creates it; every other process,
   * now or after a restart, reads the same bytes. Memoized per name; a failed read is retried next time.
   */
  get(name: string): Promise<Buffer>;
}

async function readOrCreate(db: Kysely<Database>, name: string, now: number): Promise<Buffer> {
  // Insert-if-absent, then read: two processes starting together both end up with the winner's value.
  await db
    .insertInto('serverSecrets')
    .values({ name, value: randomBytes(32).toString('base64url'), createdAt: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('serverSecrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

/**
 * The secrets of the server, kept in the `server_secrets` table. Read lazily, so that building the app
 * needs no database (the OpenAPI generator, `/readyz` on an unreachable database).
 */
export function createServerSecrets(db: Kysely<Database>, now: () => number = Date.now): ServerSecrets {
  const cache = new Map<string, Promise<Buffer>>();
  return {
    get(name) {
      let secret = cache.get(name);
      if (!secret) {
        secret = readOrCreate(db, name, now());
        cache.set(name, secret);
        secret.catch(() => cache.delete(name));
      }
      return secret;
    },
  };
}
