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
    // One statement for all of them (a batch of releases publishes to many recipients): the locks are
    // taken row by row in the order of the sorted array.
    async lock(tx, personIds) {
      if (personIds.length === 0) return;
      await sql`select count(pg_advisory_xact_lock(hashtextextended('meanwhile.events:' || k, 0)))
        from (select k from unnest(${personIds}::text[]) with ordinality as u(k, n) order by n) as sorted`.execute(
        tx,
      );
    },
  };
}
