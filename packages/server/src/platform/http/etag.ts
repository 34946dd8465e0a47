import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/domain-error.js';

/**
 * The strong entity tag of a resource state: its version number (posts) or its last-change time in epoch
 * milliseconds. Quoted as RFC 9110 requires, e.g. `"7"`.
 *
 * @example
 * ```ts
 * reply.header('etag', etagOf(post.version));
 * ```
 */
export function etagOf(version: number | string): string {
  const text = String(version);
  if (!/^[\x21\x23-\x7e]+$/.test(text))
    throw new Error(`Cannot make an entity tag of ${JSON.stringify(text)}.`);
  return `"${text}"`;
}

/** The entity tags listed in an `If-Match` header, `'*'`, or undefined when the header is absent. */
export function parseIfMatch(header: string | string[] | undefined): string[] | '*' | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return '*';
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * Whether an `If-Match` header lets an edit of a resource whose current tag is `current` go ahead. An
 * absent header allows it: like GitHub and Stripe, the API does not require conditional requests (a
 * client that does not care about lost updates may skip them; the web app and the CLI always send one).
 * `*` matches any existing resource. Weak tags (`W/"…"`) never match: If-Match uses the strong comparison
 * (RFC 9110 §13.1.1).
 */
export function isIfMatchSatisfied(header: string | string[] | undefined, current: string): boolean {
  const tags = parseIfMatch(header);
  if (tags === undefined || tags === '*') return true;
  return tags.includes(current);
}

/**
 * Throws `precondition_failed` (412) when the request's `If-Match` names another state than `current`.
 * Call it inside the edit's transaction, after reading the row, so that the check and the write see the
 * same version; or pass the tag's version to the update's `where` to close the race entirely.
 *
 * @example
 * ```ts
 * app.patch('/api/v1/posts/:id', async (request, reply) => {
 *   const post = await posts.edit(caller, id, body, (version) => assertIfMatch(request, etagOf(version)));
 *   return reply.header('etag', etagOf(post.version)).send(post);
 * });
 * ```
 */
export function assertIfMatch(request: FastifyRequest, current: string): void {
  if (!isIfMatchSatisfied(request.headers['if-match'], current)) {
    throw new DomainError('precondition_failed', 'The resource changed since you read it; read it again.');
  }
}

/**
 * The version an `If-Match` header asks for when tags are made by {@link etagOf} from a version number:
 * the value to compare with in the update's `where version = ?`. Undefined when absent or `*`.
 *
 * @throws DomainError `precondition_failed` when the header names no version of ours (it cannot match).
 */
export function expectedVersionOf(request: FastifyRequest): number | undefined {
  const tags = parseIfMatch(request.headers['if-match']);
  if (tags === undefined || tags === '*') return undefined;
  const versions = tags.map((tag) => /^"(\d{1,15})"$/.exec(tag)?.[1]).filter((v) => v !== undefined);
  if (versions.length === 0) {
    throw new DomainError('precondition_failed', 'The If-Match header names no current version.');
  }
  return Number(versions[0]);
}
