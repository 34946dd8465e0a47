import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { WebApiClient } from './api-client';
import { ApiProvider } from './api-context';
import { RouteView } from './route-view';
import type { AppRoute } from './routes';
import { appRoutes } from './routes';
import { ShortcutContext, ShortcutRegistry } from './shortcuts';

/** The whole app: its API client, query cache and shortcut registry, then the screen for the address. */
export function App({
  api,
  queryClient,
  routes = appRoutes,
}: {
  api: WebApiClient;
  queryClient: QueryClient;
  /** The route table; tests pass a smaller one. */
  routes?: AppRoute[];
}) {
  const [shortcuts] = useState(() => new ShortcutRegistry());
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => shortcuts.handle(event);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shortcuts]);
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <ShortcutContext.Provider value={shortcuts}>
          <RouteView routes={routes} />
        </ShortcutContext.Provider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
