// Renders the whole app at an address over a fake server: the way component tests drive a screen as a
// person would (through the router, the session and the shell).
import { render } from '@testing-library/react';
import { App } from '../app/app';
import { createWebApiClient } from '../app/api-client';
import { createQueryClient } from '../app/query-client';
import { createFakeServer } from './fake-server';
import type { FakeRoutes } from './fake-server';

/**
 * Renders the app at `path` with the API answered by `routes`; returns the recorded requests too.
 *
 * @example
 * ```tsx
 * const { requests } = renderApp('/inbox', { 'GET /api/v1/me': () => ({ status: 200, body: signedInMe }) });
 * expect(await screen.findByRole('heading', { name: 'Inbox' })).toBeTruthy();
 * ```
 */
export function renderApp(path: string, routes: FakeRoutes) {
  globalThis.history.replaceState(null, '', path);
  const server = createFakeServer(routes);
  const api = createWebApiClient({ baseUrl: 'http://meanwhile.test', fetch: server.fetch });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const rendered = render(<App api={api} queryClient={queryClient} />);
  return { ...rendered, requests: server.requests, queryClient };
}
