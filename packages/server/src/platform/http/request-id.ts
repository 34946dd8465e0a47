import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries the request id in both directions. */
export const requestIdHeader = 'x-request-id';

const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the caller's (or a proxy's) `X-Request-Id` when it is a short, plain token, so
 * that logs across hops line up; otherwise a new random one. Anything else is ignored, not echoed, so
 * that a header cannot inject text into logs or responses.
 */
export function createRequestId(request: IncomingMessage): string {
  const given = request.headers[requestIdHeader];
  return typeof given === 'string' && acceptableId.test(given) ? given : randomUUID();
}
