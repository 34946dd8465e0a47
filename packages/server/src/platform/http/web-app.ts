// Serves the built web app (packages/web/dist): `index.html` for `/` and every client route, the hashed
// files under `/assets/` with a year-long cache. The app is found on disk at start; when it is not built,
// `/` says how to build it and the server-rendered first-run pages stay in charge of the setup and
// invitation links.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { htmlContentSecurityPolicy } from './first-run/first-run-pages.js';

/** Where the web app's files are, or null when it is not built. */
export interface WebApp {
  dir: string;
  indexHtml: string;
}

/**
 * Paths that are never a client route: the API, its docs, the probes and the first-run assets answer (or
 * 404) on their own.
 */
const serverPrefixes = ['/api', '/healthz', '/readyz', '/assets/', '/favicon.ico'];

// Vite names built files `<name>-<hash>.<ext>`; nothing else (no slash, no dot-dot) is ever read from disk.
const assetNamePattern = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(js|css|svg|png|woff2|webp|ico|txt|map)$/;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The folder of the built web app inside the `@meanwhile/web` package, or null when not installed. */
export function findBuiltWebAppDir(): string | null {
  try {
    const packageJson = createRequire(import.meta.url).resolve('@meanwhile/web/package.json');
    return join(dirname(packageJson), 'dist');
  } catch {
    return null;
  }
}

/** Reads the built app from `dir` (its `index.html`), or null when `dir` is null or holds no build. */
export function loadWebApp(dir: string | null): WebApp | null {
  if (dir === null) return null;
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return null;
  return { dir, indexHtml: readFileSync(index, 'utf8') };
}

/**
 * Headers of every HTML answer: the strict CSP, no Referer (setup and invitation addresses carry a
 * secret), never cached (a new build must be picked up at once; the assets it names are immutable).
 */
export function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', htmlContentSecurityPolicy)
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Meanwhile</title>
<link rel="stylesheet" href="/assets/first-run.css"></head><body><main><h1>Meanwhile is running</h1>
<p>The web app is not built yet. From the repository, run <code>npm run build</code> (or
<code>npm run build -w @meanwhile/web</code>), then restart the server; <code>npm start</code> does both.</p>
<p>The API is documented at <a href="/api/docs">/api/docs</a>. From a terminal: <code>meanwhile login &lt;this address&gt;</code>.</p>
</main></body></html>`;

function isClientRoute(request: FastifyRequest): boolean {
  const url = request.url;
  if (serverPrefixes.some((prefix) => url.startsWith(prefix))) return false;
  // Only navigations get the app: an API client or a script asking for JSON gets the 404 problem.
  return (request.headers.accept ?? '').includes('text/html');
}

function registerAssets(app: FastifyInstance, webApp: WebApp): void {
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { schema: { hide: true } },
    async (request, reply) => {
      const { name } = request.params;
      if (!assetNamePattern.test(name)) return reply.callNotFound();
      const body = await readFile(join(webApp.dir, 'assets', name)).catch(() => null);
      if (body === null) return reply.callNotFound();
      return reply
        .header('content-type', contentTypes[extname(name)] ?? 'application/octet-stream')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );
}

/**
 * Registers the web app: `/`, and when it is built, its assets, the setup and invitation links and every
 * other navigation that no server route answers. Returns whether the app is built, so that the caller
 * leaves the setup and invitation links to the first-run pages when it is not.
 */
export function registerWebApp(app: FastifyInstance, webApp: WebApp | null): { isBuilt: boolean } {
  const hidden = { schema: { hide: true } };
  if (!webApp) {
    app.get('/', hidden, (_request, reply) => sendHtml(reply, notBuiltPage));
    return { isBuilt: false };
  }
  const serveIndex = (_request: FastifyRequest, reply: FastifyReply) => sendHtml(reply, webApp.indexHtml);
  app.get('/', hidden, serveIndex);
  app.get('/setup/:token', hidden, serveIndex);
  app.get('/invite/:token', hidden, serveIndex);
  registerAssets(app, webApp);
  app.get('/*', hidden, (request, reply) =>
    isClientRoute(request) ? serveIndex(request, reply) : reply.callNotFound(),
  );
  return { isBuilt: true };
}
