import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/domain-error.js';

/** The most header fields a request may carry; more gets 431. Browsers send about 20. */
export const maxHeaderCount = 100;

// Headers whose second copy would be ambiguous (which one did a proxy check?); Node silently keeps the
// first of some of these, so a duplicate is refused instead.
const singleHeaders = new Set(['authorization', 'host', 'content-type', 'idempotency-key', 'if-match']);

function findDuplicate(rawHeaders: string[]): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (!singleHeaders.has(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/**
 * Refuses requests with too many header fields (431 `headers_too_large`; Node would silently drop those
 * past 2,000) and with a repeated `Authorization`, `Host`, `Content-Type`, `Idempotency-Key` or
 * `If-Match` (400 `bad_request`). The total header size (431) and CR/LF inside values (400) are refused
 * earlier by Node's parser, through `writeClientErrorProblem` (problem.ts).
 */
export function registerHeaderLimits(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const raw = request.raw.rawHeaders;
    if (raw.length / 2 > maxHeaderCount) {
      throw new DomainError('headers_too_large', `Send at most ${maxHeaderCount} header fields.`);
    }
    const duplicate = findDuplicate(raw);
    if (duplicate !== undefined) {
      throw new DomainError('bad_request', `The ${duplicate} header may be sent only once.`);
    }
  });
}
