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
import type { RequestTransaction } from '../db/request-transaction.js';
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
/**
 * How long a committed `pending` row holds its key before a claim may delete it and take the key over.
 * `registerIdempotency` never commits one: the claim commits in the request transaction together with the
 * stored response, or rolls back with the request. A concurrent claim of the same key does not see the
 * uncommitted row; it waits for it (on PostgreSQL's unique index; on SQLite's one connection, which the
 * first request holds) and then replays or runs. So this is a safety net for a `pending` row committed by
 * any other caller of `claimIdempotencyKey` (a claim made outside a request transaction), which would
 * otherwise block its key for the whole 24 hours.
 */
export const pendingTimeoutMs = 60 * 1000;

const validKey = /^[\x21-\x7e]{1,255}$/;
const replayedHeaders = ['content-type', 'location', 'etag'];
const pruneEveryMs = 10 * 60 * 1000;
const claims = new WeakMap<FastifyRequest, Claim>();

interface Claim {
  scope: IdempotencyScope;
  transaction: RequestTransaction;
}

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
 * - The first request claims the key after validation and authentication, runs, and its response
 *   (status, body, Content-Type, Location, ETag) is stored before it is sent.
 * - The same key and the same request (method, path, canonical body) later: the stored response again,
 *   with `Idempotent-Replayed: true`. While the first still runs: 409 `idempotency_in_progress`, or
 *   the replay once the first has finished.
 * - The same key with another request: 422 `idempotency_key_reused`.
 * - A 5xx or 429 answer rolls back, so a retry runs again. Keys expire after 24 hours.
 *
 * The claim, the request's own writes and the stored response commit in one request transaction
 * (`db/request-transaction.ts`), and the response leaves only after that commit. So a process killed
 * at any moment leaves either all three or none: a retry after a crash replays the response or runs
 * anew, never twice, and never waits for a pending key to time out (the kill test in test/ shows it).
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

  async function claim(request: FastifyRequest, reply: FastifyReply, claimed: Claim): Promise<void> {
    const at = now();
    if (at >= nextPruneAt) {
      nextPruneAt = at + pruneEveryMs;
      await pruneIdempotencyKeys(database.db, at);
    }
    const hash = hashRequest(request.method, request.url, request.body);
    const times = { now: at, ttlMs: idempotencyTtlMs, pendingTimeoutMs };
    const result = await claimIdempotencyKey(database.db, claimed.scope, hash, times);
    if (result.kind === 'claimed') {
      claims.set(request, claimed);
      return;
    }
    await claimed.transaction.rollback();
    switch (result.kind) {
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
        reply.send(result.body);
    }
  }

  // Callback style, so that the rest of the request (the handler above all) runs inside `run` of the
  // request transaction: an async hook's context would not reach the handler.
  function startClaim(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void {
    let key: string | undefined;
    try {
      key = readKey(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    const caller = callerOf(request);
    if (key === undefined || caller === null) {
      done();
      return;
    }
    const scope = { workspaceId: caller.workspaceId, callerId: caller.personId, key };
    database.beginRequestTransaction().then(
      (transaction) =>
        transaction.run(() => {
          claim(request, reply, { scope, transaction }).then(
            () => done(),
            (error: Error) => transaction.rollback().then(() => done(error), done),
          );
        }),
      done,
    );
  }

  async function record(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const claimed = claims.get(request);
    if (!claimed) return payload;
    claims.delete(request);
    const { scope, transaction } = claimed;
    if (reply.statusCode >= 500 || reply.statusCode === 429) {
      await transaction.rollback();
      return payload;
    }
    const body = toText(payload);
    try {
      await transaction.run(() =>
        body === undefined
          ? releaseIdempotencyKey(database.db, scope) // a stream cannot be stored: forget the key
          : completeIdempotencyKey(database.db, scope, {
              status: reply.statusCode,
              body,
              headers: pickHeaders(reply),
            }),
      );
      await transaction.commit();
    } catch (error) {
      // Nothing was committed: the client must not see a success. The error handler answers 500.
      await transaction.rollback();
      throw error;
    }
    return payload;
  }

  // A safety net: a request that never reached onSend must not keep the connection.
  async function abandon(request: FastifyRequest): Promise<void> {
    const claimed = claims.get(request);
    if (!claimed) return;
    claims.delete(request);
    await claimed.transaction.rollback();
  }

  app.addHook('onRoute', (route) => {
    if (!isIdempotentRoute(route)) return;
    route.preHandler = addHook(route.preHandler, startClaim);
    route.onSend = addHook(route.onSend, record);
    route.onResponse = addHook(route.onResponse, abandon);
  });
}
