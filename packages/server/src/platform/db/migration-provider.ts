import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Migration, MigrationProvider } from 'kysely';

/**
 * The folder of migrations. The relative step is the same from `src/platform/db/` (run by Vitest or tsx)
 * and from `dist/src/platform/db/` (the build), whose migrations sit in `dist/migrations/`.
 */
export const migrationsFolder = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const migrationFile = /^(\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_]+)\.(ts|js)$/;

/**
 * Finds migrations in a folder, whether they are TypeScript sources or their built JavaScript. A
 * migration's name is its file name without the extension, so both forms share one history.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string = migrationsFolder) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder)).filter((f) => !f.endsWith('.d.ts'));
    const migrations: Record<string, Migration> = {};
    for (const file of files.sort()) {
      const match = migrationFile.exec(file);
      if (!match) continue;
      const name = match[1]!;
      if (migrations[name]) throw new Error(`Migration ${name} exists twice in ${this.folder}.`);
      migrations[name] = (await import(pathToFileURL(join(this.folder, file)).href)) as Migration;
    }
    return migrations;
  }
}
