/**
 * Every stable error code the server can answer with, and what it means. This table is the documentation
 * of the codes (STYLE.md §4): `platform/http/problem.ts` maps each one to an HTTP status once, typed so
 * that a code added here without a status fails to compile.
 *
 * Modules add their own codes here (`thread_not_found`, …) as they are written.
 */
export const errorCodes = {
  // Problems with the request itself, found before any module runs.
  malformed_json: 'The request body is not valid JSON.',
  json_too_deep: 'The JSON request body nests objects or arrays deeper than the server accepts.',
  forbidden_json_key: 'The JSON request body contains a `__proto__` or `constructor.prototype` key.',
  invalid_text:
    'A string in the request is not valid UTF-8, or contains a NUL character or an unpaired surrogate.',
  body_too_large: 'The request body is larger than the server accepts.',
  unsupported_media_type: 'The request body has a content type this endpoint does not accept.',
  headers_too_large: 'The request headers are larger than the server accepts.',
  bad_request: 'The request could not be understood.',
  validation_failed: 'One or more fields of the request are invalid; `errors` lists them.',
  route_not_found: 'No endpoint answers this method and path.',
  // Outcomes that modules report through DomainError subclasses.
  not_found: 'The resource does not exist or is not visible to the caller.',
  unauthenticated: 'The request carries no valid session or API token.',
  forbidden: 'The caller may not do this.',
  conflict: 'The request conflicts with the current state of the resource.',
  precondition_failed: 'The resource changed since the caller last read it (`If-Match`).',
  rate_limited: 'Too many requests; retry after the time in `Retry-After`.',
  channel_name_taken: 'Another channel of the workspace already has this name (compared NFC, case-folded).',
  invalid_reference:
    'The request names a person or post that does not exist, is not visible, or may not be used here.',
  invalid_credentials: 'The e-mail address or the password is wrong.',
  csrf_failed:
    "A cookie-authenticated unsafe request lacks the session's `X-CSRF-Token` header, or it does not match.",
  invitation_invalid: 'The invitation link is unknown, expired, already used or revoked; ask for a new one.',
  invitation_email_mismatch: 'This invitation was made for another e-mail address.',
  setup_invalid: 'The setup link is unknown, expired or already used, or the server is already set up.',
  email_taken: 'An account with this e-mail address (compared NFC, case-folded) already exists.',
  last_owner: 'The change would leave the workspace without an active owner.',
  invalid_cursor:
    'The `cursor` was not issued by this server for this caller and this list; start again without it.',
  invalid_idempotency_key: 'The `Idempotency-Key` header must be 1–255 visible ASCII characters, sent once.',
  idempotency_in_progress: 'A request with this `Idempotency-Key` is still being processed; retry later.',
  idempotency_key_reused:
    'This `Idempotency-Key` was already used with a different request (method, path or body).',
  interrupt_budget_spent:
    "The sender's weekly interruption budget is spent; `detail` says when it resets (Monday 00:00, sender's zone).",
  ask_closed: 'The ask was answered or declined already.',
  channel_mention_not_allowed:
    "The post mentions a whole channel (`@channel`, `@all`), which the workspace's agreement does not allow.",
  decision_closed: 'The decision is closed (or waits for its tie-break): responses can no longer change.',
  decision_responses_missing:
    'The decider may close a decision early only once every required participant has responded.',
  decision_deadline_too_early:
    'The explicit `closesAt` is earlier than the fair close; `detail` and `errors` give the earliest allowed.',
  decision_no_tie: 'The decision is not waiting for a tie-break, or the option is not among the tied ones.',
  ideation_phase:
    'The ideation round is not in the phase this needs: dots only after the reveal, lineage only to visible ideas.',
  dots_exhausted: 'The caller has not enough dots left in this round, or the round allows one dot per idea.',
  promotion_unavailable: 'This promotion is not available on this server yet (decisions are not installed).',
  checkin_not_asked: 'The caller has no question of this check-in to answer for that date.',
  checkin_round_closed: 'The check-in round was closed and summarised; its answers can no longer change.',
  meeting_notice_too_short:
    "The meeting starts before the agreement's notice, counted in each invitee's working time, has passed; the `startsAt` error names the earliest allowed start.",
  meeting_reason_required:
    'The meeting is outside every sync window (or on a no-meeting day); it needs a written `outsideWindowReason`.',
  meeting_not_changeable:
    'The meeting was cancelled or is over; it can no longer be moved, cancelled or answered.',
  outgoing_url_refused:
    'The URL may not be fetched: only http and https to public addresses (no private, loopback, link-local or unspecified address, no credentials), also on every redirect.',
  calendar_import_failed:
    'The calendar could not be read: it did not answer in time, was too large, or is not an iCalendar file.',
  internal: 'An unexpected error on the server; the request id identifies it in the logs.',
} as const satisfies Record<string, string>;

/** A stable, machine-readable error code, as sent in the `code` member of a problem document. */
export type ErrorCode = keyof typeof errorCodes;

/** Every error code, in declaration order. */
export const allErrorCodes = Object.keys(errorCodes) as ErrorCode[];
