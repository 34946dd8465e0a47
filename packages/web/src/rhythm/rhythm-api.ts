// The rhythm screen's server state: my rhythm and my time off, through TanStack Query.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@meanwhile/api-client';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** My rhythm, focus blocks and delivery preference, as `GET /api/v1/me/rhythm` answers. */
export type RhythmSettings = Json<paths['/api/v1/me/rhythm']['get']['responses'][200]>;

/** What `PUT /api/v1/me/rhythm` takes. */
export type RhythmInput = paths['/api/v1/me/rhythm']['put']['requestBody']['content']['application/json'];

/** One stretch of my time off. */
export type TimeOff = Json<paths['/api/v1/me/time-off']['get']['responses'][200]>['items'][number];

/** My rhythm. */
export function useMyRhythm() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.myRhythm,
    queryFn: async () => expectData(await client.GET('/api/v1/me/rhythm')),
  });
}

/** Saves my rhythm; the answer becomes the cached rhythm. */
export function useSaveRhythm() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RhythmInput) => expectData(await client.PUT('/api/v1/me/rhythm', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.myRhythm, saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.myTimeZone });
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
    },
  });
}

/** My time off, earliest first. */
export function useMyTimeOff() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.myTimeOff,
    queryFn: async () => {
      const { items } = expectData(await client.GET('/api/v1/me/time-off'));
      return [...items].sort((a, b) => a.from.localeCompare(b.from));
    },
  });
}

/** Adds a stretch of time off. */
export function useAddTimeOff() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { from: string; to: string; note?: string }) =>
      expectData(await client.POST('/api/v1/me/time-off', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.myTimeOff }),
  });
}

/** Removes a stretch of time off. */
export function useRemoveTimeOff() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const result = await client.DELETE('/api/v1/me/time-off/{id}', { params: { path: { id } } });
      expectData(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.myTimeOff }),
  });
}
