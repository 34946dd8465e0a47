import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/open-database.js';
import { buildApp } from './build-app.js';

/** Where the reviewed OpenAPI document is committed (`packages/server/openapi.json`). */
export const committedOpenApiFile = fileURLToPath(new URL('../../../openapi.json', import.meta.url));

/**
 * The OpenAPI document of the app, as committed: built from the routes' zod schemas without listening
 * and without touching the database (an empty SQLite file is opened and never queried), pretty-printed
 * JSON with a final newline.
 */
export async function generateOpenApiDocument(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'meanwhile-openapi-'));
  const database = openDatabase({ kind: 'sqlite', file: join(dir, 'unused.sqlite') });
  try {
    const app = await buildApp({ database, logLevel: 'silent' });
    await app.ready();
    const document = app.swagger();
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
