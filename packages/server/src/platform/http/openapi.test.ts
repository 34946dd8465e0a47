import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { committedOpenApiFile, generateOpenApiDocument } from './openapi-document.js';
import { docsPath, listApiRoutes, openApiPath } from './openapi.js';

describe('the committed OpenAPI document', () => {
  it('matches the routes (run `npm run openapi -w @meanwhile/server` and commit the diff)', async () => {
    const committed = await readFile(committedOpenApiFile, 'utf8');
    expect(committed).toBe(await generateOpenApiDocument());
  });
});

describeEachDialect('OpenAPI and docs', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database()));
  });
  afterAll(() => app.close());

  it('serves an OpenAPI 3.1 document at /api/v1/openapi.json', async () => {
    const response = await app.inject({ method: 'GET', url: openApiPath });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'code']);
  });

  it('documents every route under /api/v1, with a problem response', () => {
    const document = app.swagger() as unknown as {
      paths: Record<string, Record<string, { responses: object }>>;
    };
    const routes = listApiRoutes(app);
    expect(routes.length).toBeGreaterThan(0);
    for (const { method, url } of routes) {
      const path = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${url} is missing from the OpenAPI document`).toBeDefined();
      expect(operation?.responses).toHaveProperty('default');
    }
  });

  it('leaves routes outside /api/v1 out of the document', () => {
    const paths = Object.keys((app.swagger() as { paths: object }).paths);
    expect(paths.every((path) => path.startsWith('/api/v1/'))).toBe(true);
  });

  it('serves browsable docs under a CSP that forbids inline scripts', async () => {
    let response = await app.inject({ method: 'GET', url: docsPath });
    if (response.statusCode === 302) {
      response = await app.inject({
        method: 'GET',
        url: new URL(response.headers.location!, 'http://x').pathname,
      });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const csp = String(response.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1];
    expect(scriptSrc?.trim()).toBe("'self'");
    expect(csp).toContain("default-src 'none'");
    const inlineScripts = response.body.match(/<script(?![^>]*\bsrc=)[^>]*>/g);
    expect(inlineScripts).toBeNull();
  });

  it('serves the docs script from this origin under the same CSP', async () => {
    const response = await app.inject({ method: 'GET', url: `${docsPath}/static/swagger-initializer.js` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
