// Server state of decisions: a thread's decisions, and the mutations on one (open, respond, withdraw a
// block, close early, break a tie). Every mutation answers the decision as I now see it, which replaces
// the cached one; the thread's posts are refreshed too (opening and closing post into the thread).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import type { Decision, OpenDecisionBody, ResponseBody } from './types';

/** The decisions of a thread, newest first (one page of 100: a thread holds few). */
export function useThreadDecisions(threadId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.threadDecisions(threadId),
    queryFn: async () =>
      expectData(
        await client.GET('/api/v1/threads/{id}/decisions', {
          params: { path: { id: threadId }, query: { limit: 100 } },
        }),
      ).items,
  });
}

/** Puts `decision` into its thread's cached list (first when new) and refreshes the thread's posts. */
function useStoreDecision() {
  const queryClient = useQueryClient();
  return (decision: Decision) => {
    queryClient.setQueryData<Decision[]>(queryKeys.threadDecisions(decision.threadId), (current) => {
      if (!current) return [decision];
      return current.some((d) => d.id === decision.id)
        ? current.map((d) => (d.id === decision.id ? decision : d))
        : [decision, ...current];
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.threadPosts(decision.threadId) });
    if (decision.state === 'closed')
      void queryClient.invalidateQueries({ queryKey: queryKeys.decisionLogAll });
  };
}

/** Opens a decision in `threadId`. */
export function useOpenDecision(threadId: string) {
  const { client } = useApi();
  const store = useStoreDecision();
  return useMutation({
    mutationFn: async (body: OpenDecisionBody) =>
      expectData(
        await client.POST('/api/v1/threads/{id}/decisions', { params: { path: { id: threadId } }, body }),
      ),
    onSuccess: store,
  });
}

/** What one can do to an open decision. */
export type DecisionAction =
  | { kind: 'respond'; body: ResponseBody }
  | { kind: 'withdraw-block' }
  | { kind: 'close' }
  | { kind: 'tie-break'; option: number };

/** Acts on decision `id`: responds, withdraws my block, closes early or breaks the tie. */
export function useDecisionAction(id: string) {
  const { client } = useApi();
  const store = useStoreDecision();
  return useMutation({
    mutationFn: async (action: DecisionAction) => {
      const path = { params: { path: { id } } };
      switch (action.kind) {
        case 'respond':
          return expectData(
            await client.PUT('/api/v1/decisions/{id}/response', { ...path, body: action.body }),
          );
        case 'withdraw-block':
          return expectData(await client.POST('/api/v1/decisions/{id}/withdraw-block', path));
        case 'close':
          return expectData(await client.POST('/api/v1/decisions/{id}/close', path));
        case 'tie-break':
          return expectData(
            await client.POST('/api/v1/decisions/{id}/tie-break', {
              ...path,
              body: { option: action.option },
            }),
          );
      }
    },
    onSuccess: store,
  });
}
