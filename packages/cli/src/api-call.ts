import { createMeanwhileClient } from '@meanwhile/api-client';
import type { MeanwhileClient, components } from '@meanwhile/api-client';
import { CliFailure, exitCodes } from './exit-codes.js';

type Problem = components['schemas']['Problem'];

/** What every openapi-fetch call resolves to. */
interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** How long one request may take before the server counts as unreachable. */
const requestTimeoutMs = 30_000;

/** A client of the server at `url`, with `token` when given; requests time out after 30 seconds. */
export function connect(url: string, token?: string): MeanwhileClient {
  return createMeanwhileClient({
    baseUrl: url,
    ...(token === undefined ? {} : { token }),
    fetch: (input) => globalThis.fetch(input, { signal: AbortSignal.timeout(requestTimeoutMs) }),
  });
}

function isProblem(value: unknown): value is Problem {
  const v = value as Partial<Problem> | null;
  return typeof v === 'object' && v !== null && typeof v.title === 'string';
}

function describeProblem(response: Response, error: unknown): string {
  if (!isProblem(error)) return `the server answered ${response.status} ${response.statusText}`.trim();
  const lines = [
    `${error.title}${error.detail ? `: ${error.detail}` : ''} (${response.status} ${error.code})`,
  ];
  for (const e of error.errors ?? []) lines.push(`  ${e.path || '(body)'}: ${e.message}`);
  const retryAfter = response.headers.get('retry-after');
  if (response.status === 429 && retryAfter) lines.push(`  try again in ${retryAfter} seconds`);
  return lines.join('\n');
}

/** The exit code of an answer that is not 2xx. */
function exitCodeOf(status: number): number {
  if (status === 401) return exitCodes.notLoggedIn;
  if (status >= 400 && status < 500) return exitCodes.apiError;
  return exitCodes.failure;
}

function unreachable(url: string, error: unknown): CliFailure | null {
  const isTimeout = error instanceof DOMException && error.name === 'TimeoutError';
  // undici reports a refused connection, an unknown host or a reset as `TypeError: fetch failed`.
  const isNetwork = error instanceof TypeError && error.message === 'fetch failed';
  if (!isTimeout && !isNetwork) return null;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = isTimeout
    ? `no answer within ${requestTimeoutMs / 1000} seconds`
    : (cause?.code ?? cause?.message ?? 'network error');
  return new CliFailure(`cannot reach ${url} (${why})`, exitCodes.unreachable, { cause: error });
}

/**
 * Awaits an API call and returns its data, or throws a {@link CliFailure} whose exit code says what went
 * wrong: 69 unreachable, 3 for 401, 2 for other 4xx (with the problem's title and detail), 1 for 5xx.
 */
export async function expectOk<T>(url: string, call: Promise<ApiResult<T>>): Promise<T> {
  let result: ApiResult<T>;
  try {
    result = await call;
  } catch (error) {
    throw unreachable(url, error) ?? error;
  }
  const { response } = result;
  if (!response.ok) {
    const message = describeProblem(response, result.error);
    throw new CliFailure(message, exitCodeOf(response.status), { problem: result.error });
  }
  return result.data as T;
}
