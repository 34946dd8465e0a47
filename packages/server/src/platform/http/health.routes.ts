import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/open-database.js';
import { isDatabaseReachable, listPendingMigrations } from '../db/migrate.js';

/** Why the server is not ready, or `ready`. */
export type Readiness = 'ready' | 'database_unreachable' | 'migrations_pending';

/** Whether the database answers and every migration has been applied. */
export async function checkReadiness(database: DatabaseHandle): Promise<Readiness> {
  if (!(await isDatabaseReachable(database.db))) return 'database_unreachable';
  try {
    const pending = await listPendingMigrations(database.db);
    return pending.length === 0 ? 'ready' : 'migrations_pending';
  } catch {
    return 'database_unreachable';
  }
}

/**
 * `/healthz` answers 200 while the process serves requests; `/readyz` answers 200 only when the database
 * is reachable and migrated, else 503 with the reason, so a load balancer sends traffic elsewhere.
 */
export function registerHealthRoutes(app: FastifyInstance, database: DatabaseHandle): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const status = await checkReadiness(database);
    return reply.status(status === 'ready' ? 200 : 503).send({ status });
  });
}
