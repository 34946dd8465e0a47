import type { Kysely } from 'kysely';
import type { Database } from '../../shared/database.js';

/** Whose key it is: keys are scoped to the caller's workspace and person. */
export interface IdempotencyScope {
  workspaceId: string;
  callerId: string;
  key: string;
}

/** A response kept for replay. */
export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** What claiming a key found. */
export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'in_progress' }
  | { kind: 'reused_with_other_request' }
  | ({ kind: 'replay' } & StoredResponse);

/** How long keys live and how long a pending key blocks its retries. */
export interface IdempotencyTimes {
  now: number;
  /** A key is forgotten this long after its first use (24 hours). */
  ttlMs: number;
  /** A key still pending after this long belongs to a crashed request and may be taken over. */
  pendingTimeoutMs: number;
}

type Db = Kysely<Database>;

function whereScope(scope: IdempotencyScope) {
  return { workspaceId: scope.workspaceId, callerId: scope.callerId, key: scope.key };
}

async function findRow(db: Db, scope: IdempotencyScope) {
  const s = whereScope(scope);
  return db
    .selectFrom('idempotencyKeys')
    .selectAll()
    .where('workspaceId', '=', s.workspaceId)
    .where('callerId', '=', s.callerId)
    .where('key', '=', s.key)
    .executeTakeFirst();
}

/**
 * Claims a key for a request with `requestHash`, atomically: the row's primary key makes a concurrent
 * claim of the same key lose, and the loser learns whether the winner is still running or has finished.
 * An expired key, or a pending one whose request died, is deleted (compare-and-delete) and claimed anew.
 */
export async function claimIdempotencyKey(
  db: Db,
  scope: IdempotencyScope,
  requestHash: string,
  times: IdempotencyTimes,
): Promise<IdempotencyClaim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insertInto('idempotencyKeys')
      .values({
        ...whereScope(scope),
        requestHash,
        state: 'pending',
        responseStatus: null,
        responseBody: null,
        responseHeaders: null,
        createdAt: times.now,
        expiresAt: times.now + times.ttlMs,
      })
      .onConflict((oc) => oc.columns(['workspaceId', 'callerId', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { kind: 'claimed' };
    const row = await findRow(db, scope);
    if (!row) continue; // deleted between our insert and select: try again
    const isStale =
      row.expiresAt <= times.now ||
      (row.state === 'pending' && row.createdAt + times.pendingTimeoutMs <= times.now);
    if (isStale) {
      await deleteRow(db, scope, row.createdAt);
      continue;
    }
    if (row.requestHash !== requestHash) return { kind: 'reused_with_other_request' };
    if (row.state === 'pending') return { kind: 'in_progress' };
    return {
      kind: 'replay',
      status: row.responseStatus ?? 200,
      body: row.responseBody ?? '',
      headers: row.responseHeaders ? (JSON.parse(row.responseHeaders) as Record<string, string>) : {},
    };
  }
  return { kind: 'in_progress' };
}

async function deleteRow(db: Db, scope: IdempotencyScope, createdAt?: number): Promise<void> {
  const s = whereScope(scope);
  let query = db
    .deleteFrom('idempotencyKeys')
    .where('workspaceId', '=', s.workspaceId)
    .where('callerId', '=', s.callerId)
    .where('key', '=', s.key);
  query =
    createdAt === undefined ? query.where('state', '=', 'pending') : query.where('createdAt', '=', createdAt);
  await query.execute();
}

/** Stores the response of a claimed key, so that retries replay it. */
export async function completeIdempotencyKey(
  db: Db,
  scope: IdempotencyScope,
  response: StoredResponse,
): Promise<void> {
  const s = whereScope(scope);
  await db
    .updateTable('idempotencyKeys')
    .set({
      state: 'done',
      responseStatus: response.status,
      responseBody: response.body,
      responseHeaders: JSON.stringify(response.headers),
    })
    .where('workspaceId', '=', s.workspaceId)
    .where('callerId', '=', s.callerId)
    .where('key', '=', s.key)
    .where('state', '=', 'pending')
    .execute();
}

/** Forgets a pending key whose request failed, so that a retry runs again. */
export function releaseIdempotencyKey(db: Db, scope: IdempotencyScope): Promise<void> {
  return deleteRow(db, scope);
}

/** Deletes every expired key; returns how many. */
export async function pruneIdempotencyKeys(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('idempotencyKeys').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
