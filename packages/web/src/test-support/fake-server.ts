// A fake of the Meanwhile API for component tests: answers by "METHOD /path" and records every request, so
// a test states what the server says and checks what the app sent. Only for tests (jsdom).

/** A request the app sent, with its JSON body parsed. */
export interface SentRequest {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

/** What a handler answers: a status and a JSON body (a problem document for errors). */
export interface FakeAnswer {
  status: number;
  body?: unknown;
}

/** Handlers by `"GET /api/v1/me"`; a path may end in `*` to match any rest. */
export type FakeRoutes = Record<string, (request: SentRequest) => FakeAnswer | Promise<FakeAnswer>>;

/** A signed-in `GET /api/v1/me` answer. */
export const signedInMe = {
  person: { id: 'p-owner', displayName: 'Ada Owner', email: 'ada@example.com' },
  workspace: { id: 'w-1', name: 'Acme' },
  role: 'owner',
  via: 'session',
  scope: 'read-write',
  csrfToken: 'csrf-from-me',
} as const;

/** The problem document of a 401, as the server sends it. */
export const unauthenticated: FakeAnswer = {
  status: 401,
  body: { status: 401, code: 'unauthenticated', title: 'Unauthenticated', detail: 'Sign in first.' },
};

function findHandler(routes: FakeRoutes, key: string) {
  if (routes[key]) return routes[key];
  const wildcard = Object.keys(routes).find(
    (pattern) => pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1)),
  );
  return wildcard ? routes[wildcard] : undefined;
}

/** A fake `fetch` over `routes`; unknown routes answer 404 and are recorded too. */
export function createFakeServer(routes: FakeRoutes) {
  const requests: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const sent: SentRequest = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(sent);
    const handler = findHandler(routes, `${sent.method} ${sent.path}`);
    const answer = handler
      ? await handler(sent)
      : { status: 404, body: { status: 404, code: 'route_not_found' } };
    const isProblem = answer.status >= 400;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': isProblem ? 'application/problem+json' : 'application/json' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}
