import { sql } from 'kysely';
import type { RecipientLock } from '../../modules/events/index.js';
import type { DatabaseConfig } from '../config.js';

/**
 * The events module's {@link RecipientLock}. PostgreSQL: a transaction-scoped advisory lock per
 * recipient, taken in sorted order (so two publishers never wait on each other in a cycle), held until
 * commit, so that a recipient's event ids are committed in increasing order. SQLite: nothing to do, its
 * writers are serial.
 */
export function createRecipientLock(dialect: DatabaseConfig['kind']): RecipientLock {
  if (dialect === 'sqlite') return { lock: async () => undefined };
  return {
    async lock(tx, personIds) {
      for (const personId of personIds) {
        await sql`select pg_advisory_xact_lock(hashtextextended(${`meanwhile.events:${personId}`}, 0))`.execute(
          tx,
        );
      }
    },
  };
}
