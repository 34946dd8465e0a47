// Who is signed in: `GET /api/v1/me` through TanStack Query. A 401 means signed out (null), not an error.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@meanwhile/api-client';
import { ApiError, expectData } from './api-client';
import { useApi } from './api-context';
import { queryKeys } from './query-keys';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The signed-in person, workspace and role, as `GET /api/v1/me` answers. */
export type Me = Json<paths['/api/v1/me']['get']['responses'][200]>;

/** What sign-in, setup and accepting an invitation answer. */
export type SignedIn = Json<paths['/api/v1/auth/login']['post']['responses'][200]>;

/** The server's problem document type, re-exported for screens that show field errors. */
export type ProblemDocument = components['schemas']['Problem'];

/** The session: `me` is null when signed out, undefined while loading. */
export function useSession(): { me: Me | null | undefined; isLoading: boolean; error: Error | null } {
  const api = useApi();
  const query = useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      try {
        const me = expectData(await api.client.GET('/api/v1/me'));
        api.setCsrfToken(me.csrfToken ?? null);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  return { me: query.data, isLoading: query.isPending, error: query.error };
}

/**
 * Call with the answer of sign-in, setup or accepting an invitation: keeps the CSRF token and primes the
 * session, so the next screen renders signed in without another request.
 */
export function useAcceptSignedIn(): (signedIn: SignedIn) => void {
  const api = useApi();
  const queryClient = useQueryClient();
  return (signedIn) => {
    api.setCsrfToken(signedIn.csrfToken);
    queryClient.clear();
    const me: Me = { ...signedIn, via: 'session', scope: 'read-write' };
    queryClient.setQueryData(queryKeys.me, me);
  };
}

/** Signs out: ends the session on the server, forgets every cached answer. */
export function useSignOut() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { response, error } = await api.client.POST('/api/v1/auth/logout');
      if (!response.ok && response.status !== 401) throw new ApiError(response.status, error ?? {});
    },
    onSuccess: () => {
      api.setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}
