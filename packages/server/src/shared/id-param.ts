import { z } from 'zod';

/**
 * An id that no row has: the nil UUID. `newId` makes version 7 UUIDs only, and nothing else makes ids.
 */
export const absentId = '00000000-0000-0000-0000-000000000000';

const wellFormedId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The schema of every id a request names, in a path, a query or a body: a string. An id is a lower-case
 * UUID (`newId`); anything else (too long, upper-case, `1 OR 1=1`) can name nothing and becomes
 * {@link absentId}, so that it is looked up and not found like a random well-formed id, and answers the
 * same 404 byte for byte (BAD_INPUT row 16: no existence oracle, not even one on the id's shape). The
 * string has no length limit of its own: the request's URL and body limits bound it.
 *
 * @example
 * ```ts
 * export const threadParams = z.strictObject({ id: idParam });
 * ```
 */
export const idParam = z
  .string()
  .transform((id) => (wellFormedId.test(id) ? id : absentId))
  .describe('An id (a UUID). Anything that cannot be an id is answered like an id that does not exist.');
