// A real Meanwhile server for end-to-end tests: the same start as `meanwhile serve`, on a fresh SQLite
// folder, a free port on 127.0.0.1, in test mode (its clock moves through `POST /api/v1/test/clock`), and
// serving the built web app (packages/web/dist: run `npm run build -w @meanwhile/web` first).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startServer } from '@meanwhile/server';

/** The built web app the server serves. */
export const webDistDir = fileURLToPath(new URL('../../dist', import.meta.url));

/** A running server: its address, the one-time setup link, and how to stop it. */
export interface TestServer {
  url: string;
  /** `http://127.0.0.1:<port>/setup/<token>` (the server prints it at a first start). */
  setupUrl: string;
  /** Sets (`now`, ISO) or advances (`advanceMs`) the server's clock. */
  setClock(change: { now?: string; advanceMs?: number }): Promise<{ now: string; nowMs: number }>;
  close(): Promise<void>;
}

/**
 * Starts a server on a new temporary database. Fails clearly when the web app is not built.
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * await page.goto(server.setupUrl);
 * ```
 */
export async function startTestServer(): Promise<TestServer> {
  if (!existsSync(join(webDistDir, 'index.html'))) {
    throw new Error(
      `The web app is not built (${webDistDir}): run \`npm run build -w @meanwhile/web\` first.`,
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'meanwhile-e2e-'));
  const config = loadConfig({
    MEANWHILE_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    MEANWHILE_TEST_MODE: 'true',
    NODE_ENV: 'test',
  });
  const running = await startServer(config);
  if (!running.setupUrl) throw new Error('A fresh server made no setup link.');
  const url = running.url;
  return {
    url,
    setupUrl: running.setupUrl,
    async setClock(change) {
      const response = await fetch(`${url}/api/v1/test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(change),
      });
      if (!response.ok) throw new Error(`The test clock answered ${response.status}.`);
      return (await response.json()) as { now: string; nowMs: number };
    },
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
