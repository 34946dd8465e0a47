// My inbox's first page, as the channel and thread screens use it: what is new for me per thread, and the
// reasons of the posts that interrupted me.
import { useQuery } from '@tanstack/react-query';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';

/** The first 200 items of my inbox (under the `inbox` key: invalidated with the inbox). */
export function useInboxFirstPage() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.inboxFirstPage,
    queryFn: async () =>
      expectData(await client.GET('/api/v1/inbox', { params: { query: { limit: 200 } } })).items,
  });
}
