// The inbox's server state through TanStack Query: my inbox and my asks of others (every page), the names of
// the people and the titles of the threads the items belong to, and done / undone / snooze.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { MeanwhileClient } from '@meanwhile/api-client';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import type { InboxItem, WaitingItem } from './inbox-order';

/** The largest page the API gives. */
const pageLimit = 200;

/** The inbox, every page (the server lists at most 2,000). */
export function useInboxItems() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.inboxItems,
    queryFn: async () => {
      const items: InboxItem[] = [];
      let cursor: string | undefined;
      do {
        const page = expectData(
          await client.GET('/api/v1/inbox', {
            params: { query: { limit: pageLimit, ...(cursor ? { cursor } : {}) } },
          }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

/** My open asks of others, every page. */
export function useWaitingItems() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.waiting,
    queryFn: async () => {
      const items: WaitingItem[] = [];
      let cursor: string | undefined;
      do {
        const page = expectData(
          await client.GET('/api/v1/waiting', {
            params: { query: { limit: pageLimit, ...(cursor ? { cursor } : {}) } },
          }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

async function allPeople(client: MeanwhileClient): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  let cursor: string | undefined;
  do {
    const page = expectData(
      await client.GET('/api/v1/people', {
        params: { query: { limit: pageLimit, ...(cursor ? { cursor } : {}) } },
      }),
    );
    for (const person of page.items) names[person.id] = person.displayName;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

/** Display names by person id (members of my workspace). */
export function usePersonNames(wanted: readonly string[] = []): Record<string, string> {
  const { client } = useApi();
  const query = useQuery({
    queryKey: queryKeys.personNames,
    queryFn: () => allPeople(client),
    staleTime: 5 * 60_000,
  });
  // Someone who joined after the names were loaded (an invitee's first ask): ask again, once per set.
  const { data, refetch } = query;
  const missing = data ? [...new Set(wanted)].filter((id) => !(id in data)).join(',') : '';
  const tried = useRef(new Set<string>());
  useEffect(() => {
    if (!missing || tried.current.has(missing)) return;
    tried.current.add(missing);
    void refetch();
  }, [missing, refetch]);
  return data ?? {};
}

/** My time zone (my rhythm's), for times the API gives as bare instants. */
export function useMyTimeZone(): string | undefined {
  const { client } = useApi();
  const query = useQuery({
    queryKey: queryKeys.myTimeZone,
    queryFn: async () => expectData(await client.GET('/api/v1/me/rhythm')).rhythm.timeZone,
    staleTime: 5 * 60_000,
  });
  return query.data;
}

/** The titles of these threads by id, as they arrive (one request per thread, cached). */
export function useThreadTitles(threadIds: readonly string[]): Record<string, string | undefined> {
  const { client } = useApi();
  return useQueries({
    queries: threadIds.map((id) => ({
      queryKey: queryKeys.threadTitle(id),
      queryFn: async () =>
        expectData(await client.GET('/api/v1/threads/{id}', { params: { path: { id } } })).title,
      staleTime: 60_000,
    })),
    combine: (results) => {
      const titles: Record<string, string | undefined> = {};
      results.forEach((result, i) => (titles[threadIds[i]!] = result.data));
      return titles;
    },
  });
}

/** Done, undone and snooze (to my next slot), keeping the cached inbox and its count in step. */
export function useInboxActions() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const removeItem = (id: string) =>
    queryClient.setQueryData<InboxItem[]>(queryKeys.inboxItems, (items) =>
      items?.filter((item) => item.id !== id),
    );
  const refreshCount = () => queryClient.invalidateQueries({ queryKey: queryKeys.inboxCount });
  const done = useMutation({
    mutationFn: async (item: InboxItem) =>
      expectData(await client.POST('/api/v1/inbox/{id}/done', { params: { path: { id: item.id } } })),
    onSuccess: (_state, item) => {
      removeItem(item.id);
      void refreshCount();
    },
  });
  const undone = useMutation({
    mutationFn: async (item: InboxItem) =>
      expectData(await client.POST('/api/v1/inbox/{id}/undone', { params: { path: { id: item.id } } })),
    onSuccess: (_state, item) => {
      queryClient.setQueryData<InboxItem[]>(queryKeys.inboxItems, (items) =>
        items && !items.some((i) => i.id === item.id) ? [...items, { ...item, snoozedUntil: null }] : items,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
    },
  });
  const snooze = useMutation({
    mutationFn: async (item: InboxItem) =>
      expectData(
        await client.POST('/api/v1/inbox/{id}/snooze', { params: { path: { id: item.id } }, body: {} }),
      ),
    onSuccess: (_state, item) => {
      removeItem(item.id);
      void refreshCount();
    },
  });
  return { done, undone, snooze };
}
