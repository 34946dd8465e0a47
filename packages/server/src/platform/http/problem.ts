import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/domain-error.js';
import type { ErrorDetail } from '../../shared/domain-error.js';
import type { ErrorCode } from '../../shared/error-codes.js';

/**
 * The HTTP status of every error code: the only place codes meet statuses (STYLE.md §4). Typed as a full
 * record, so a code added to `errorCodes` without a status here fails to compile.
 */
export const httpStatusByCode: Record<ErrorCode, number> = {
  malformed_json: 400,
  json_too_deep: 400,
  forbidden_json_key: 400,
  invalid_text: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  bad_request: 400,
  validation_failed: 400,
  route_not_found: 404,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  precondition_failed: 412,
  rate_limited: 429,
  channel_name_taken: 409,
  invalid_reference: 400,
  invalid_credentials: 401,
  csrf_failed: 403,
  invitation_invalid: 410,
  invitation_email_mismatch: 403,
  setup_invalid: 410,
  email_taken: 409,
  last_owner: 409,
  invalid_cursor: 400,
  invalid_idempotency_key: 400,
  idempotency_in_progress: 409,
  idempotency_key_reused: 422,
  interrupt_budget_spent: 409,
  ask_closed: 409,
  channel_mention_not_allowed: 422,
  decision_closed: 409,
  decision_responses_missing: 409,
  decision_deadline_too_early: 422,
  decision_no_tie: 409,
  ideation_phase: 409,
  dots_exhausted: 409,
  promotion_unavailable: 501,
  checkin_not_asked: 409,
  checkin_round_closed: 409,
  meeting_notice_too_short: 422,
  meeting_reason_required: 422,
  meeting_not_changeable: 409,
  outgoing_url_refused: 422,
  calendar_import_failed: 422,
  internal: 500,
};

/** An RFC 9457 problem document, as sent with `Content-Type: application/problem+json`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  requestId?: string;
  errors?: ErrorDetail[];
}

/** The problem document for a code, with its stable type URI and the status's title. */
export function createProblem(code: ErrorCode, detail?: string, errors?: readonly ErrorDetail[]): Problem {
  const status = httpStatusByCode[code];
  const problem: Problem = {
    type: `urn:meanwhile:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
  };
  if (detail !== undefined) problem.detail = detail;
  if (errors && errors.length > 0) problem.errors = [...errors];
  return problem;
}

// Fastify's own errors whose meaning we know; their messages are replaced by ours.
const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['body_too_large', 'The request body is larger than the server accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the request body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'The Content-Length does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 'The request body is empty.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'The request body is not valid JSON.'],
};

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

function toValidationProblem(error: FastifyError): Problem {
  const location = error.validationContext ?? 'body';
  const issues = (error.validation ?? []) as ValidationIssue[];
  const errors = issues.map((issue) => ({
    path: [location, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.'),
    message: issue.message ?? 'is invalid',
  }));
  return createProblem('validation_failed', 'The request is invalid; see `errors`.', errors);
}

/** The problem for an error, or undefined when the error is unexpected and must become a bare 500. */
export function problemFromError(error: unknown): Problem | undefined {
  if (error instanceof DomainError) return createProblem(error.code, error.message, error.details);
  if (typeof error !== 'object' || error === null) return undefined;
  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError.validation)) return toValidationProblem(fastifyError);
  const known = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (known) return createProblem(known[0], known[1]);
  const status = fastifyError.statusCode;
  const isClientError = typeof status === 'number' && status >= 400 && status < 500;
  return isClientError && fastifyError.code?.startsWith('FST_') ? createProblem('bad_request') : undefined;
}

/** Sends a problem document as the reply. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  return reply
    .status(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify({ ...problem, requestId: request.id }));
}

/**
 * Installs the one error handler and the not-found handler of the app: every failure leaves as
 * `application/problem+json`. Unknown errors are logged with their stack and answered with a bare 500
 * that carries only the request id, never a driver's message.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFromError(error);
    if (problem) {
      request.log.info({ code: problem.code, status: problem.status }, 'request failed');
      const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (problem.status === 429 && typeof retryAfter === 'number') reply.header('retry-after', retryAfter);
      return sendProblem(reply, request, problem);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, request, createProblem('internal'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      createProblem('route_not_found', `No endpoint answers ${request.method} here.`),
    ),
  );
}

/**
 * Answers errors that Node's HTTP parser finds before Fastify sees a request (headers too large,
 * malformed request line) with a problem document, then closes the connection.
 */
export function writeClientErrorProblem(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  const problem = createProblem(code);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nConnection: close\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
