import { z } from 'zod';

/** Rows per page when the client does not say. */
export const defaultPageLimit = 50;
/** The most rows a page returns; larger limits are capped to it. */
export const maxPageLimit = 200;

/**
 * The query of every list endpoint: `?limit=&cursor=`. `limit` must be an integer (else 400
 * `validation_failed`); out of range it is capped to 1…200 rather than refused (BAD_INPUT row 18), so
 * `limit=1e9` gives 200 rows and `limit=-1` one. `cursor` is the `nextCursor` of the previous page, opaque
 * to clients; the HTTP layer verifies its signature and hands the handler the inner keyset cursor to
 * decode with `decodeCursor` (`keyset-page.ts`). Extend it for filters: `pageQuery.extend({ … })`.
 */
export const pageQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .optional()
    .transform((n) => Math.min(maxPageLimit, Math.max(1, n ?? defaultPageLimit)))
    .describe(`Rows per page, ${defaultPageLimit} by default; capped to 1…${maxPageLimit}.`),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .describe('The `nextCursor` of the previous page; omit for the first page.'),
});

/**
 * The response body of a list: the items and the cursor of the next page, null on the last page.
 *
 * @example
 * ```ts
 * const threadPage = pageOf(threadSchema); // { items: Thread[]; nextCursor: string | null }
 * ```
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last.'),
  });
}
