import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError } from '../../shared/domain-error.js';
import type { DatabaseHandle } from '../db/open-database.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  pruneIdempotencyKeys,
  releaseIdempotencyKey,
} from '../db/idempotency-store.js';
import type { IdempotencyScope } from '../db/idempotency-store.js';
import { toCanonicalJson } from './canonical-json.js';
import { callerOf } from './request-caller.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set `false` on a POST under /api/v1 that must not honour `Idempotency-Key` (see idempotency.ts). */
    idempotency?: boolean;
  }
}

/** The request header, as Stripe and the IETF draft name it. */
export const idempotencyKeyHeader = 'idempotency-key';
/** Set on a response that replays the stored response of an earlier request. */
export const replayedHeader = 'idempotent-replayed';
/** A key is remembered for 24 hours after its first use. */
export const idempotencyTtlMs = 24 * 60 * 60 * 1000;
/** A key pending this long belongs to a request that died (killed process) and may be taken over. */
export const pendingTimeoutMs = 60 * 1000;

const validKey = /^[\x21-\x7e]{1,255}$/;
const replayedHeaders = ['content-type', 'location', 'etag'];
const pruneEveryMs = 10 * 60 * 1000;
const claims = new WeakMap<FastifyRequest, IdempotencyScope>();

/** Whether a route takes part: every POST under /api/v1 unless it opts out with `config.idempotency: false`. */
export function isIdempotentRoute(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.includes('POST') && route.url.startsWith('/api/v1/') && route.config?.idempotency !== false;
}

function readKey(request: FastifyRequest): string | undefined {
  const raw = request.headers[idempotencyKeyHeader];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !validKey.test(raw)) {
    throw new DomainError(
      'invalid_idempotency_key',
      'Send one Idempotency-Key of 1–255 visible ASCII characters.',
    );
  }
  return raw;
}

/** sha256 of method, path with query, and the body with sorted keys. */
export function hashRequest(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${url}\n${body === undefined ? '' : toCanonicalJson(body)}`)
    .digest('hex');
}

function toText(payload: unknown): string | undefined {
  if (payload === null || payload === undefined) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined; // a stream cannot be stored
}

function pickHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of replayedHeaders) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

function addHook<T>(existing: T | T[] | undefined, hook: T): T[] {
  return [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), hook];
}

/**
 * Makes every creating request (POST under `/api/v1`) safe to retry with an `Idempotency-Key` header, as
 * Stripe does. The header is optional (a request without it runs normally; the api-client always sends
 * one); keys are scoped to the caller's workspace and person, so another person's identical key is a
 * different key; anonymous requests (login, accepting an invitation) are not covered. A route opts out
 * with `config: { idempotency: false }`.
 *
 * - The first request claims the key (`pending`) after validation and authentication, runs, and its
 *   response (status, body, Content-Type, Location, ETag) is stored before it is sent.
 * - The same key and the same request (method, path, canonical body) later: the stored response again,
 *   with `Idempotent-Replayed: true`. While the first still runs: 409 `idempotency_in_progress`.
 * - The same key with another request: 422 `idempotency_key_reused`.
 * - A 5xx or 429 answer releases the key, so a retry runs again. Keys expire after 24 hours.
 *
 * The stored response is written after the effect's own transaction commits, not inside it: a process
 * killed between the two leaves the key pending, and after {@link pendingTimeoutMs} a retry runs again.
 *
 * Route-level hooks are added in `onRoute`, so they run after every global `preHandler` (authentication
 * sets `request.caller` before). Register this before the routes.
 */
export function registerIdempotency(
  app: FastifyInstance,
  database: DatabaseHandle,
  now: () => number = Date.now,
): void {
  let nextPruneAt = 0;

  async function claim(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const key = readKey(request);
    const caller = callerOf(request);
    if (key === undefined || caller === null) return undefined;
    const scope = { workspaceId: caller.workspaceId, callerId: caller.personId, key };
    const at = now();
    if (at >= nextPruneAt) {
      nextPruneAt = at + pruneEveryMs;
      await pruneIdempotencyKeys(database.db, at);
    }
    const hash = hashRequest(request.method, request.url, request.body);
    const times = { now: at, ttlMs: idempotencyTtlMs, pendingTimeoutMs };
    const result = await claimIdempotencyKey(database.db, scope, hash, times);
    switch (result.kind) {
      case 'claimed':
        claims.set(request, scope);
        return undefined;
      case 'in_progress':
        throw new DomainError(
          'idempotency_in_progress',
          'A request with this Idempotency-Key is still running.',
        );
      case 'reused_with_other_request':
        throw new DomainError(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request.',
        );
      case 'replay':
        reply.headers(result.headers).header(replayedHeader, 'true').status(result.status);
        return reply.send(result.body);
    }
  }

  async function record(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const scope = claims.get(request);
    if (!scope) return payload;
    claims.delete(request);
    const body = toText(payload);
    try {
      if (reply.statusCode >= 500 || reply.statusCode === 429 || body === undefined) {
        await releaseIdempotencyKey(database.db, scope);
      } else {
        await completeIdempotencyKey(database.db, scope, {
          status: reply.statusCode,
          body,
          headers: pickHeaders(reply),
        });
      }
    } catch (error) {
      // The response itself succeeded; a retry will find the key pending, then take it over.
      request.log.error({ err: error }, 'could not record the idempotent response');
    }
    return payload;
  }

  app.addHook('onRoute', (route) => {
    if (!isIdempotentRoute(route)) return;
    route.preHandler = addHook(route.preHandler, claim);
    route.onSend = addHook(route.onSend, record);
  });
}
