// The servers of the HTTP read benchmark, in a child process of `server.bench.ts` so that autocannon (in
// the parent) and the server under load do not share one event loop. It serves, on two loopback ports:
// the real app over the benchmark's SQLite file (at the production log level, logging to /dev/null), the
// same app keeping no serialized page (every read builds the page: the path after each write to the
// thread), and a bare Fastify route that returns, from memory, the JSON the app returns for the page.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/platform/http/build-app.js';
import { openDatabase } from '../src/platform/db/open-database.js';

export interface HttpServersReady {
  appPort: number;
  /** The app with its page cache off (`pageCacheLimits` 0). */
  uncachedPort: number;
  barePort: number;
  bytes: number;
}

async function main(): Promise<void> {
  const file = process.env.BENCH_DB!;
  const path = process.env.BENCH_PATH!;
  const authorization = process.env.BENCH_AUTHORIZATION!;
  const serve = async (pageCacheLimits?: { maxBytes: number; maxEntryBytes: number }) => {
    const server = await buildApp({
      database: openDatabase({ kind: 'sqlite', file }),
      logLevel: 'info',
      logStream: pino.destination({ dest: '/dev/null', sync: false }),
      ...(pageCacheLimits ? { pageCacheLimits } : {}),
    });
    await server.listen({ host: '127.0.0.1', port: 0 });
    return server;
  };
  const app = await serve();
  const uncached = await serve({ maxBytes: 0, maxEntryBytes: 0 });
  const page = await app.inject({ method: 'GET', url: path, headers: { authorization } });
  if (page.statusCode !== 200) throw new Error(`GET ${path}: ${page.statusCode} ${page.body}`);
  const body: unknown = page.json();

  const bare = Fastify({ logger: false });
  bare.get(path.split('?')[0]!, async () => body);
  await bare.listen({ host: '127.0.0.1', port: 0 });

  const port = (server: { server: Server }): number => (server.server.address() as AddressInfo).port;
  const ready: HttpServersReady = {
    appPort: port(app),
    uncachedPort: port(uncached),
    barePort: port(bare),
    bytes: page.rawPayload.length,
  };
  process.send!(ready);
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void Promise.all([app.close(), uncached.close(), bare.close()]).then(() => process.exit(0));
  });
}

await main();
