import createClient from 'openapi-fetch';
import type { Client, Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** How to reach a Meanwhile server. */
export interface MeanwhileClientOptions {
  /** The server's origin, e.g. `http://localhost:8080` (paths already start with `/api/v1`). */
  baseUrl: string;
  /** A personal API token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** The fetch to use; the global one by default (tests and proxies pass their own). */
  fetch?: typeof globalThis.fetch;
  /** Makes the `Idempotency-Key` of a POST that has none; a random UUID by default. */
  newIdempotencyKey?: () => string;
}

/** A typed client of the Meanwhile API: `client.GET('/api/v1/…', { params })` and friends. */
export type MeanwhileClient = Client<paths>;

/**
 * The request middleware of {@link createMeanwhileClient}: adds the bearer token, and an `Idempotency-Key`
 * to every POST that does not carry one, so that creating requests can be retried safely by the server's
 * rules. To retry a POST yourself, pass the same key both times.
 */
export function createAuthMiddleware(
  options: Pick<MeanwhileClientOptions, 'token' | 'newIdempotencyKey'>,
): Middleware {
  const newKey = options.newIdempotencyKey ?? (() => globalThis.crypto.randomUUID());
  return {
    onRequest({ request }) {
      if (options.token !== undefined && !request.headers.has('authorization')) {
        request.headers.set('authorization', `Bearer ${options.token}`);
      }
      if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', newKey());
      }
      return request;
    },
  };
}

/**
 * Creates a client of the Meanwhile HTTP API, typed from the server's OpenAPI document. Errors come back
 * as `{ error }` holding the server's problem document (`code`, `detail`, `errors`).
 *
 * @example
 * ```ts
 * const client = createMeanwhileClient({ baseUrl: 'http://localhost:8080', token: process.env.MEANWHILE_TOKEN });
 * const { data, error } = await client.GET('/api/v1/openapi.json');
 * // Retry a creation safely: same key, same body.
 * const key = crypto.randomUUID();
 * await client.POST('/api/v1/…', { body, headers: { 'Idempotency-Key': key } });
 * ```
 */
export function createMeanwhileClient(options: MeanwhileClientOptions): MeanwhileClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(createAuthMiddleware(options));
  return client;
}
