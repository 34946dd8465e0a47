// Outgoing HTTP as modules see it (STYLE.md §2: modules never import platform/). platform/net implements it
// with the protections of BAD_INPUT row 21; modules only say what to fetch.
import { DomainError } from './domain-error.js';

/** Fetches a URL a person gave and returns its body as text; throws {@link OutgoingFetchError}. */
export type FetchText = (url: string) => Promise<string>;

/** Why an outgoing fetch did not happen or failed, safe to show to the person who gave the URL. */
export class OutgoingFetchError extends DomainError {
  constructor(
    readonly reason: 'refused' | 'failed',
    message: string,
    path = 'body.url',
  ) {
    super(reason === 'refused' ? 'outgoing_url_refused' : 'calendar_import_failed', `${path}: ${message}`, {
      details: [{ path, message }],
    });
  }
}
