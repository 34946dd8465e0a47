import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { WebApiClient } from './api-client';

const ApiContext = createContext<WebApiClient | null>(null);

/** Provides the app's API client; tests provide one over a fake fetch. */
export function ApiProvider({ api, children }: { api: WebApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The app's API client (`api.client.GET(...)`), for query and mutation functions. */
export function useApi(): WebApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider> above it.');
  return api;
}
