import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';

const indexHtml =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head>' +
  '<body><div id="root"></div></body></html>';

describeEachDialect('the web app', (ctx) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meanwhile-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), indexHtml);
    await writeFile(join(dir, 'assets', 'index-AbC123.js'), 'console.log("app")');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const navigate = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('answers / and every client route with index.html under a strict CSP, never cached', async () => {
    const { app } = await buildTestApp(ctx.database(), undefined, { webAppDir: dir });
    for (const url of ['/', '/inbox', '/channels/abc/threads?x=1', '/setup/A-token', '/invite/B-token']) {
      const response = await app.inject({ method: 'GET', url, headers: navigate });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toBe(indexHtml);
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    await app.close();
  });

  it('leaves the API, probes and unknown assets to their own 404 problem', async () => {
    const { app } = await buildTestApp(ctx.database(), undefined, { webAppDir: dir });
    for (const url of ['/api/v1/nope', '/api/nope', '/assets/missing-1.js', '/assets/..%2Findex.html']) {
      const response = await app.inject({ method: 'GET', url, headers: navigate });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
    }
    // A script asking for JSON at a client-looking path is told there is no endpoint, not sent HTML.
    const json = await app.inject({ method: 'GET', url: '/inbox', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/healthz', headers: navigate })).statusCode).toBe(200);
    await app.close();
  });

  it('serves hashed assets with a year-long immutable cache, and keeps the first-run assets', async () => {
    const { app } = await buildTestApp(ctx.database(), undefined, { webAppDir: dir });
    const asset = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log("app")');
    const firstRun = await app.inject({ method: 'GET', url: '/assets/first-run.js' });
    expect(firstRun.statusCode).toBe(200);
    await app.close();
  });

  it('says how to build the app at / when it is not built, and keeps the first-run pages', async () => {
    const { app } = await buildTestApp(ctx.database(), undefined, { webAppDir: join(dir, 'absent') });
    const home = await app.inject({ method: 'GET', url: '/', headers: navigate });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('npm run build');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    const setup = await app.inject({ method: 'GET', url: '/setup/A-token', headers: navigate });
    expect(setup.body).toContain('/assets/first-run.js');
    const other = await app.inject({ method: 'GET', url: '/inbox', headers: navigate });
    expect(other.statusCode).toBe(404);
    await app.close();
  });
});
