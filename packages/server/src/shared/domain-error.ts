import type { ErrorCode } from './error-codes.js';

/** Extra, safe-to-show facts about an error, e.g. which field failed and why. */
export interface ErrorDetail {
  /** Where the problem is, e.g. `body.title`. */
  path: string;
  /** What is wrong with it, in words a client developer can act on. */
  message: string;
}

/**
 * Base class of every error that modules throw on purpose. It carries a stable `code` and never an HTTP
 * status: `platform/http/problem.ts` decides the status (STYLE.md §4). The message is shown to the client
 * as the problem's `detail`, so it must never contain secrets or driver messages.
 *
 * @example
 * ```ts
 * export class ThreadNotFound extends DomainError {
 *   constructor(id: string) {
 *     super('not_found', `Thread ${id} was not found.`);
 *   }
 * }
 * ```
 */
export class DomainError extends Error {
  /** The stable code, sent to the client as `code`. */
  readonly code: ErrorCode;
  /** Per-field details, sent to the client as `errors`. */
  readonly details: readonly ErrorDetail[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: ErrorDetail[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details ?? [];
  }
}
