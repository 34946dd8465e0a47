import type { DestinationStream, LoggerOptions } from 'pino';
import type { Config } from '../config.js';

/**
 * Paths that pino replaces with `[redacted]` wherever they appear in a log line. Request serialization
 * below already leaves headers and bodies out; this catches secrets passed to the logger by hand.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.csrfSecret',
];

// One-time links carry their secret in the path: the setup link and invitation links.
const secretPath = /^(\/(?:setup|invite)\/)[^/?#]+/;
// Calendar feeds carry theirs in the path: `/calendar/<workspace>/<token>.ics`. Everything after
// `/calendar/` is dropped, so that no spelling of the path (a missing or doubled segment) leaks it.
const calendarFeedPath = /^(\/+calendar\/).*$/i;

/**
 * The request's path, with any query string and the secret of a one-time link (`/setup/…`, `/invite/…`)
 * replaced, so that tokens in URLs never reach a log.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q === -1 ? url : url.slice(0, q))
    .replace(secretPath, '$1[redacted]')
    .replace(calendarFeedPath, '$1[redacted]');
  return q === -1 ? path : `${path}?[redacted]`;
}

/**
 * Options for the server's pino logger: JSON lines with a request id, no request bodies, no headers,
 * no query strings (STYLE.md, issue 3: never a secret, a token or a post body in a log line).
 */
export function createLoggerOptions(
  level: Config['logLevel'],
  stream?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string }) => ({
        method: request.method,
        url: redactUrl(request.url),
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    ...(stream ? { stream } : {}),
  };
}
