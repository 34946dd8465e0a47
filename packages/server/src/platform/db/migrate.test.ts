import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { FolderMigrationProvider } from './migration-provider.js';
import { listPendingMigrations, migrateToLatest } from './migrate.js';

describe('FolderMigrationProvider', () => {
  it('finds the TypeScript migrations by name, without their extension', async () => {
    const names = Object.keys(await new FolderMigrationProvider().getMigrations());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_]+$/);
    expect(names).toEqual([...names].sort());
  });
});

describeEachDialect(
  'migrations',
  (ctx) => {
    it('reports every migration as pending on an empty database', async () => {
      expect((await listPendingMigrations(ctx.database().db)).length).toBeGreaterThan(0);
    });

    it('applies every migration, then nothing on a second run', async () => {
      const { db } = ctx.database();
      const first = await migrateToLatest(db);
      expect(first.applied.length).toBeGreaterThan(0);
      expect(await migrateToLatest(db)).toEqual({ applied: [] });
      expect(await listPendingMigrations(db)).toEqual([]);
    });

    it('stores ids as strings and times as numbers, read back in camelCase', async () => {
      const { db } = ctx.database();
      const createdAt = Date.UTC(2026, 10, 26, 18, 0, 0, 123);
      await db.insertInto('workspaces').values({ id: 'w1', name: 'Acme', createdAt }).execute();
      const row = await db
        .selectFrom('workspaces')
        .selectAll()
        .where('id', '=', 'w1')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ id: 'w1', name: 'Acme', createdAt });
      const { count } = await db
        .selectFrom('workspaces')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(1);
    });

    it('enforces foreign keys', async () => {
      const { db } = ctx.database();
      const insert = db.insertInto('memberships').values({
        workspaceId: 'missing',
        personId: 'missing',
        role: 'member',
        createdAt: 1,
        deactivatedAt: null,
      });
      await expect(insert.execute()).rejects.toThrow();
    });

    it('rejects a role outside owner, admin, member and guest', async () => {
      const { db } = ctx.database();
      await db
        .insertInto('people')
        .values({
          id: 'p1',
          email: 'ana@example.com',
          emailNormalized: 'ana@example.com',
          displayName: 'Ana',
          passwordHash: null,
          createdAt: 1,
          deactivatedAt: null,
        })
        .execute();
      const insert = sql`insert into memberships (workspace_id, person_id, role, created_at) values ('w1', 'p1', 'root', 1)`;
      await expect(insert.execute(db)).rejects.toThrow();
    });
  },
  { migrate: false },
);
