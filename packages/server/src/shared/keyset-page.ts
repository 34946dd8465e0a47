import { DomainError } from './domain-error.js';

/** A position in a list ordered by `(key, id)`: the last row of the previous page. */
export interface Keyset {
  key: string | number;
  id: string;
}

/** What a repository's list method takes: where to start and how many rows to return. */
export interface PageRequest {
  after?: Keyset;
  limit: number;
}

/** One page of a list and the cursor of the next, absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encodes a keyset as an opaque cursor. */
export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.key, keyset.id]), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor}.
 *
 * @throws DomainError `bad_request` when the cursor is not one of ours.
 */
export function decodeCursor(cursor: string): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [key, id] = value as unknown[];
      if ((typeof key === 'string' || Number.isSafeInteger(key)) && typeof id === 'string') {
        return { key: key as string | number, id };
      }
    }
  } catch (error) {
    throw new DomainError('bad_request', 'The cursor is not valid.', { cause: error });
  }
  throw new DomainError('bad_request', 'The cursor is not valid.');
}

/**
 * The page request of a list route's query (`pageQuery`): the limit, and where to start when the query
 * has a cursor. The HTTP layer has already verified the cursor's signature.
 *
 * @throws DomainError `bad_request` when the cursor is not one of ours.
 */
export function toPageRequest(query: { limit: number; cursor?: string | undefined }): PageRequest {
  return { limit: query.limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) };
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that another page exists.
 */
export function toPage<T>(rows: T[], limit: number, keysetOf: (row: T) => Keyset): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keysetOf(last)) : null,
  };
}
