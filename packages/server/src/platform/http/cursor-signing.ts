import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/domain-error.js';
import type { ServerSecrets } from '../db/server-secrets.js';
import { toCanonicalJson } from './canonical-json.js';
import { callerOf } from './request-caller.js';

/** What a cursor is bound to: it is valid only for this caller and this list. */
export interface CursorBinding {
  workspaceId: string;
  personId: string;
  /** The list: route pattern and path parameters, e.g. `/api/v1/channels/:id/threads?{"id":"…"}`. */
  list: string;
}

/** The name of the secret in `server_secrets`. */
export const cursorSecretName = 'cursor-hmac';

function mac(secret: Buffer, inner: string, binding: CursorBinding): Buffer {
  return createHmac('sha256', secret)
    .update(`v1\n${binding.workspaceId}\n${binding.personId}\n${binding.list}\n${inner}`)
    .digest();
}

/** Appends an HMAC-SHA256 of the cursor and its binding: `<inner>.<base64url mac>`. */
export function signCursor(secret: Buffer, inner: string, binding: CursorBinding): string {
  return `${inner}.${mac(secret, inner, binding).toString('base64url')}`;
}

/**
 * The inner cursor of a signed one, when it was signed with `secret` for exactly this binding.
 *
 * @throws DomainError `invalid_cursor` for a tampered, foreign (other workspace, person or list) or
 *   malformed cursor.
 */
export function verifyCursor(secret: Buffer, signed: string, binding: CursorBinding): string {
  const dot = signed.lastIndexOf('.');
  const inner = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), 'base64url');
  const expected = mac(secret, inner, binding);
  if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError('invalid_cursor', 'The cursor is not valid here; request the first page again.');
  }
  return inner;
}

function bindingOf(request: FastifyRequest): CursorBinding {
  const caller = callerOf(request);
  return {
    workspaceId: caller?.workspaceId ?? '',
    personId: caller?.personId ?? '',
    list: `${request.routeOptions.url ?? ''}?${toCanonicalJson(request.params ?? {})}`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Makes the cursors of every list under `/api/v1` tamper-evident and bound to the caller and the list,
 * without modules knowing: repositories keep making plain keyset cursors (`shared/keyset-page.ts`), and
 * at the HTTP boundary
 * - an outgoing `nextCursor` in a GET response body is signed with a server secret (HMAC-SHA256, the
 *   secret made on first start and kept in `server_secrets`), bound to workspace, person and list;
 * - an incoming `?cursor=` is verified and replaced by the inner cursor before the handler runs; a
 *   cursor that was altered, or issued to another workspace, person or list, gets 400 `invalid_cursor`.
 */
export function registerCursorSigning(app: FastifyInstance, secrets: ServerSecrets): void {
  const secret = () => secrets.get(cursorSecretName);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('GET') || !route.url.startsWith('/api/v1/')) return;
    const unwrap = async (request: FastifyRequest): Promise<void> => {
      const query = request.query;
      if (!isRecord(query) || typeof query.cursor !== 'string') return;
      query.cursor = verifyCursor(await secret(), query.cursor, bindingOf(request));
    };
    const sign = async (request: FastifyRequest, _reply: unknown, payload: unknown): Promise<unknown> => {
      if (!isRecord(payload) || typeof payload.nextCursor !== 'string') return payload;
      return { ...payload, nextCursor: signCursor(await secret(), payload.nextCursor, bindingOf(request)) };
    };
    route.preHandler = [...toArray(route.preHandler), unwrap];
    route.preSerialization = [...toArray(route.preSerialization), sign];
  });
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
