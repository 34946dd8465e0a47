import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { z } from 'zod';
import { allErrorCodes } from '../../shared/error-codes.js';

/** Where the OpenAPI document is served. */
export const openApiPath = '/api/v1/openapi.json';
/** Where the browsable documentation is served. */
export const docsPath = '/api/docs';

/**
 * The Content-Security-Policy of the documentation pages: scripts only from this origin, never inline.
 * Swagger UI sets `style` attributes, hence `'unsafe-inline'` for styles alone.
 */
export const docsContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The RFC 9457 problem document every error response carries; `#/components/schemas/Problem`. */
export const problemSchema = z
  .object({
    type: z.string().describe('A stable URI, `urn:meanwhile:problem:<code>`.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.enum(allErrorCodes as [string, ...string[]]),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('An RFC 9457 problem document.');

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

const problemResponse = {
  description: 'An error, as `application/problem+json` (RFC 9457).',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes an authenticated request safe to retry: the same key and body within 24 hours replay the first response ' +
    '(`Idempotent-Replayed: true`); the same key with another body gets 422; while the first runs, 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
} as const;
const ifMatchParameter = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The `ETag` last read; when the resource changed since, the edit gets 412 instead.',
  schema: { type: 'string' },
} as const;

/**
 * Adds what the platform does for every operation: the Problem schema and the problem response, and the
 * headers it honours (`Idempotency-Key` on POST, `If-Match` on edits).
 */
export function decorateOperations(document: Document): Document {
  const problem = z.toJSONSchema(problemSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  delete problem.$schema;
  document.components = {
    ...document.components,
    schemas: { Problem: problem as OpenAPIV3_1.SchemaObject, ...document.components?.schemas },
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation: Operation | undefined = item?.[method];
      if (!operation) continue;
      operation.responses = { ...operation.responses, default: problemResponse };
      const headers = [];
      if (method === 'post' && path.startsWith('/api/v1/')) headers.push(idempotencyKeyParameter);
      if (method === 'put' || method === 'patch' || method === 'delete') headers.push(ifMatchParameter);
      if (headers.length > 0) operation.parameters = [...(operation.parameters ?? []), ...headers];
    }
  }
  return document;
}

const apiRoutes = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Every method and path registered under `/api/v1` (HEAD excepted), to check the document covers them. */
export function listApiRoutes(app: FastifyInstance): { method: string; url: string }[] {
  return apiRoutes.get(app) ?? [];
}

/**
 * Generates the OpenAPI 3.1 document from the routes' zod schemas (only routes under `/api/v1`), serves it
 * at {@link openApiPath}, and Swagger UI at {@link docsPath} under a strict CSP. Register before routes.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  const routes: { method: string; url: string }[] = [];
  apiRoutes.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Meanwhile API',
        version,
        description: 'The HTTP API of Meanwhile. Errors are `application/problem+json` (RFC 9457).',
      },
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token.' },
        },
      },
    },
    transform: (input) =>
      input.url.startsWith('/api/v1/')
        ? jsonSchemaTransform(input)
        : { schema: { ...input.schema, hide: true }, url: input.url },
    transformObject: (input) => decorateOperations(jsonSchemaTransformObject(input) as Document),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: docsPath,
    staticCSP: docsContentSecurityPolicy,
  });
  app.get(openApiPath, { schema: { summary: 'This OpenAPI document', tags: ['meta'] } }, async () =>
    app.swagger(),
  );
}
