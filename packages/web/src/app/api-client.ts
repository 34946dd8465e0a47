// The app's one way to the server: the generated `@meanwhile/api-client` (STYLE.md §11), sending the
// session cookie and, on unsafe methods, the session's CSRF token (the server refuses them without it).
import { createMeanwhileClient } from '@meanwhile/api-client';
import type { MeanwhileClient } from '@meanwhile/api-client';

/** The client the app uses, and where it keeps the session's CSRF token. */
export interface WebApiClient {
  client: MeanwhileClient;
  /** Remembers the CSRF token of the signed-in session (from sign-in, setup or `GET /api/v1/me`). */
  setCsrfToken(token: string | null): void;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The header the server reads the CSRF token from (platform/http/authenticate.ts). */
export const csrfHeader = 'X-CSRF-Token';

/**
 * Creates the app's API client for the page's own origin. `fetch` is the global one by default; tests pass
 * a fake.
 */
export function createWebApiClient(
  options: { baseUrl?: string; fetch?: typeof globalThis.fetch } = {},
): WebApiClient {
  let csrfToken: string | null = null;
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = createMeanwhileClient({
    baseUrl: options.baseUrl ?? globalThis.location.origin,
    // The cookie goes with same-origin requests only; the app never talks to another origin.
    fetch: (input, init) => baseFetch(input, { ...init, credentials: 'same-origin' }),
  });
  client.use({
    onRequest({ request }) {
      if (csrfToken !== null && !safeMethods.has(request.method)) request.headers.set(csrfHeader, csrfToken);
      return request;
    },
  });
  return {
    client,
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}

/** A problem document from the server (RFC 9457), as the client hands it back. */
export interface Problem {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: { path?: string; message?: string }[];
}

/** A failed API call: `message` is fit to show to the person; `problem` is the server's document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    const fields = (problem.errors ?? []).map((e) => `${e.path ?? ''}: ${e.message ?? ''}`).join('; ');
    super(
      [problem.detail ?? problem.title ?? `The server answered ${status}.`, fields]
        .filter(Boolean)
        .join(' — '),
    );
    this.name = 'ApiError';
  }

  /** The stable error code (`unauthenticated`, `channel_name_taken`…), when the server sent one. */
  get code(): string | undefined {
    return this.problem.code;
  }
}

/**
 * The data of an api-client result, or throws {@link ApiError}: lets TanStack Query see failures.
 *
 * @example
 * ```ts
 * const me = expectData(await client.GET('/api/v1/me'));
 * ```
 */
export function expectData<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, (result.error ?? {}) as Problem);
  }
  return result.data as T;
}
