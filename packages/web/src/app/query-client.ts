import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** The app's TanStack Query client: no retry on answers that will not change (4xx), a short stale time. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}
