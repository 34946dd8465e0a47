// The workspace's people, for names and the mention and ask pickers.
import { useQuery } from '@tanstack/react-query';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import type { Person } from './types';

/** The active members of my workspace (one page of 200, the API's largest), by name. */
export function usePeople() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.workspacePeople,
    queryFn: async () => {
      const page = expectData(await client.GET('/api/v1/people', { params: { query: { limit: 200 } } }));
      return page.items;
    },
    staleTime: 60_000,
  });
}

/** A person's name by id, or "Someone" for a person I cannot see (deactivated, another page). */
export function nameOf(people: Person[] | undefined, id: string): string {
  return people?.find((person) => person.id === id)?.displayName ?? 'Someone';
}
